using Messaging.BackgroundJobs;
using Messaging.DistributedLocking;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Messages.Receipts;

public sealed record ExpireProcessedReceiptsArgs(Guid? TenantId = null) : IJobArgs;

/// <summary>Forgets processed receipts past their retention, once providers have stopped retrying them.</summary>
public sealed partial class ExpireProcessedReceiptsJob(
    IProcessedReceiptRepository receipts,
    IDistributedLock distributedLock,
    IOptionsMonitor<ReceiptOptions> options,
    TimeProvider clock,
    ILogger<ExpireProcessedReceiptsJob> logger) : IBackgroundJob<ExpireProcessedReceiptsArgs>
{
    public const string RecurringJobId = "messages.expire-processed-receipts";

    public async Task ExecuteAsync(ExpireProcessedReceiptsArgs args, CancellationToken cancellationToken)
    {
        await using var held = await distributedLock.TryAcquireAsync(RecurringJobId, TimeSpan.FromMinutes(10), cancellationToken);
        if (held is null)
        {
            return;
        }

        var cutoff = clock.GetUtcNow().UtcDateTime - options.CurrentValue.Retention;
        var expired = await receipts.DeleteProcessedBeforeAsync(cutoff, cancellationToken);
        LogExpired(logger, expired, cutoff);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forgot {Count} receipts processed before {Cutoff:o}")]
    private static partial void LogExpired(ILogger logger, int count, DateTime cutoff);
}
