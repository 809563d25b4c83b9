using Messaging.BackgroundJobs;
using Microsoft.Extensions.Options;

namespace Messaging.EmailQueue.Inbound;

public sealed record ExpireInboundEmailsArgs(Guid? TenantId = null) : IJobArgs;

/// <summary>
/// Deletes processed inbound emails (their answers and log entries) past <c>EmailQueue:Inbound:Retention</c>, and dynamic
/// rules that expired that long ago (expired ones no longer match; they stay a while for the tenant to see).
/// </summary>
public sealed class ExpireInboundEmailsJob(
    IInboundEmailStore store,
    RetentionSweep sweep,
    IOptionsMonitor<InboundEmailOptions> options) : IBackgroundJob<ExpireInboundEmailsArgs>
{
    public const string RecurringJobId = "email-queue.expire-inbound-emails";

    public async Task ExecuteAsync(ExpireInboundEmailsArgs args, CancellationToken cancellationToken)
    {
        var retention = options.CurrentValue.Retention;
        await sweep.RunAsync(RecurringJobId, retention, store.DeleteProcessedBeforeAsync, cancellationToken);
        await sweep.RunAsync(RecurringJobId + ".dynamic-rules", retention, store.DeleteDynamicRulesExpiredBeforeAsync, cancellationToken);
    }
}
