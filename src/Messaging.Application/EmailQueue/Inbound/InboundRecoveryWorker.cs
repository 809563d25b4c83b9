using Messaging.Threading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.EmailQueue.Inbound;

public sealed class InboundRecoverySignal : WakeSignal;

/// <summary>
/// Finds answered emails that phase 2 has not processed <c>RecoverAfter</c> after their answer (their tasks were
/// dropped, their batch failed, or their instance died before flushing) and processes them, claimed with a lease so
/// instances do not take up the same ones. Counting stays exactly once: a batch counts only emails nobody counted yet.
/// Recovered emails are written in batches of one tenant each. Headers are not stored, so watch rules on headers do not
/// see recovered emails.
/// </summary>
public sealed partial class InboundRecoveryWorker(
    InboundRecoverySignal signal,
    IServiceScopeFactory scopes,
    InboundTaskProcessor processor,
    IOptionsMonitor<InboundEmailOptions> options,
    InboundEmailMetrics metrics,
    TimeProvider clock,
    ILogger<InboundRecoveryWorker> logger) : RoundWorker(signal, logger)
{
    private const int RoundSize = 500;

    protected override int FullRound => RoundSize;

    protected override TimeSpan PollInterval => TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, options.CurrentValue.RecoverAfter.Ticks / 4));

    protected override async Task<int> RunRoundAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        IReadOnlyList<InboundEmail> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            claimed = await scope.ServiceProvider.GetRequiredService<IInboundEmailStore>().ClaimUnprocessedAsync(
                clock.GetUtcNow().UtcDateTime - settings.RecoverAfter, RoundSize, settings.RecoverAfter, settings.MaxRecoveryAttempts, cancellationToken);
        }

        if (claimed.Count == 0)
        {
            return 0;
        }

        LogRecovering(logger, claimed.Count);
        metrics.Recovered(claimed.Count);
        var pending = claimed.Select(email => new InboundPendingEmail(
            new InboundWorkItem(email.Id, email.TenantId, email.WorkerId, email.Sender, email.Subject, email.Decision, [], email.ReceivedAt),
            new InboundEmailFacts(email.Sender, email.Recipient, email.Subject, new Dictionary<string, string>()))).ToList();
        var batchEmails = Math.Max(1, settings.BatchSize / InboundPendingEmail.TaskCount);
        // A tenant's email the database keeps refusing fails its own tenant's batches only, never another tenant's.
        foreach (var batch in pending.GroupBy(p => p.Work.TenantId).SelectMany(tenant => tenant.Chunk(batchEmails)))
        {
            await processor.ProcessNowAsync(batch, cancellationToken);
        }

        return claimed.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recovering {Count} answered emails that phase 2 had not processed")]
    private static partial void LogRecovering(ILogger logger, int count);
}
