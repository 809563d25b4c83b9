using Messaging.BackgroundJobs;
using Microsoft.Extensions.Options;

namespace Messaging.EmailQueue;

public sealed record ExpireEmailEventsArgs(Guid? TenantId = null) : IJobArgs;

/// <summary>Deletes finished email events, with their attempts, past <c>EmailQueue:Retention</c>.</summary>
public sealed class ExpireEmailEventsJob(
    IEmailDeliveryStore store,
    RetentionSweep sweep,
    IOptionsMonitor<EmailQueueOptions> options) : IBackgroundJob<ExpireEmailEventsArgs>
{
    public const string RecurringJobId = "email-queue.expire-finished-events";

    public Task ExecuteAsync(ExpireEmailEventsArgs args, CancellationToken cancellationToken) =>
        sweep.RunAsync(RecurringJobId, options.CurrentValue.Retention, store.DeleteFinishedBeforeAsync, cancellationToken);
}
