using Messaging.BackgroundJobs;
using Microsoft.Extensions.Options;

namespace Messaging.Messages.Receipts;

public sealed record ExpireProcessedReceiptsArgs(Guid? TenantId = null) : IJobArgs;

/// <summary>Forgets processed receipts past their retention, once providers have stopped retrying them.</summary>
public sealed class ExpireProcessedReceiptsJob(
    IProcessedReceiptRepository receipts,
    RetentionSweep sweep,
    IOptionsMonitor<ReceiptOptions> options) : IBackgroundJob<ExpireProcessedReceiptsArgs>
{
    public const string RecurringJobId = "messages.expire-processed-receipts";

    public Task ExecuteAsync(ExpireProcessedReceiptsArgs args, CancellationToken cancellationToken) =>
        sweep.RunAsync(RecurringJobId, options.CurrentValue.Retention, receipts.DeleteProcessedBeforeAsync, cancellationToken);
}
