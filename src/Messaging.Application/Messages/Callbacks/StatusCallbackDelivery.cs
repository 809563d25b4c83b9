using Messaging.BackgroundJobs;
using Messaging.MultiTenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Messages.Callbacks;

/// <summary>
/// One delivery round: claims the due callbacks, posts them concurrently, each in its tenant, and records each
/// outcome: no longer owed, or due again after an exponential backoff until the last attempt, then given up.
/// A process that dies mid-round leaves its claims to expire; the callbacks are then posted again (at least once).
/// </summary>
public sealed partial class StatusCallbackDelivery(
    IServiceScopeFactory scopeFactory,
    ICurrentTenant currentTenant,
    IOptionsMonitor<StatusCallbackOptions> options,
    StatusCallbackMetrics metrics,
    TimeProvider clock,
    ILogger<StatusCallbackDelivery> logger)
{
    /// <returns>How many callbacks the round claimed.</returns>
    public async Task<int> DeliverOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        IReadOnlyList<PendingStatusCallback> claimed;
        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            claimed = await scope.ServiceProvider.GetRequiredService<IPendingStatusCallbackStore>()
                .ClaimDueAsync(settings.BatchSize, settings.MaxPerTenantPerRound, settings.ClaimDuration, cancellationToken);
        }

        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrentPosts, CancellationToken = cancellationToken },
            async (pending, token) => await DeliverAsync(pending, settings, token));
        return claimed.Count;
    }

    private async Task DeliverAsync(PendingStatusCallback pending, StatusCallbackOptions settings, CancellationToken cancellationToken)
    {
        using var tenant = currentTenant.Change(pending.TenantId);
        await using var scope = scopeFactory.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<StatusCallbackPoster>().PostAsync(pending, cancellationToken);
        var store = scope.ServiceProvider.GetRequiredService<IPendingStatusCallbackStore>();
        var claimToken = pending.ClaimToken!.Value;
        if (result.Done)
        {
            await store.CompleteAsync(pending.Id, claimToken, cancellationToken);
        }
        else if (pending.NextAttempt >= settings.MaxAttempts)
        {
            metrics.Posted(StatusCallbackMetrics.GivenUp);
            LogGaveUp(logger, pending.Id, pending.TenantId, pending.NextAttempt, result.Error);
            await store.CompleteAsync(pending.Id, claimToken, cancellationToken);
        }
        else
        {
            var delay = RetryBackoff.After(pending.NextAttempt, settings.FirstRetryDelay, settings.MaxRetryDelay, Random.Shared.NextDouble());
            metrics.Posted(StatusCallbackMetrics.Retrying);
            LogRetrying(logger, pending.Id, pending.TenantId, pending.NextAttempt, result.Error, delay);
            await store.RetryLaterAsync(pending.Id, claimToken, clock.GetUtcNow().UtcDateTime + delay, result.Error!, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Status callback {EventId} of tenant {TenantId} failed attempt {Attempt} ({Error}); retrying in {Delay}")]
    private static partial void LogRetrying(ILogger logger, Guid eventId, Guid tenantId, int attempt, string? error, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Status callback {EventId} of tenant {TenantId} given up after {Attempts} attempts: {Error}")]
    private static partial void LogGaveUp(ILogger logger, Guid eventId, Guid tenantId, int attempts, string? error);
}
