using Messaging.BackgroundJobs;
using Microsoft.Extensions.Options;

namespace Messaging.EmailQueue.Inbound;

public sealed record ExpireInboundEmailsArgs(Guid? TenantId = null) : IJobArgs;

/// <summary>Deletes processed inbound emails (their answers and log entries) past <c>EmailQueue:Inbound:Retention</c>.</summary>
public sealed class ExpireInboundEmailsJob(
    IInboundEmailStore store,
    RetentionSweep sweep,
    IOptionsMonitor<InboundEmailOptions> options) : IBackgroundJob<ExpireInboundEmailsArgs>
{
    public const string RecurringJobId = "email-queue.expire-inbound-emails";

    public Task ExecuteAsync(ExpireInboundEmailsArgs args, CancellationToken cancellationToken) =>
        sweep.RunAsync(RecurringJobId, options.CurrentValue.Retention, store.DeleteProcessedBeforeAsync, cancellationToken);
}
