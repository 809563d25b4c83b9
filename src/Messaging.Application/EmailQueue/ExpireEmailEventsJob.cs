using Messaging.BackgroundJobs;
using Microsoft.Extensions.Options;

namespace Messaging.EmailQueue;

public sealed record ExpireEmailEventsArgs(Guid? TenantId = null) : IJobArgs;

/// <summary>Deletes sent and suppressed email events, with their attempts, past <c>EmailQueue:Retention</c>; dead letters have their own (<see cref="ExpireDeadLettersJob"/>).</summary>
public sealed class ExpireEmailEventsJob(
    IEmailDeliveryStore store,
    RetentionSweep sweep,
    IOptionsMonitor<EmailQueueOptions> options) : IBackgroundJob<ExpireEmailEventsArgs>
{
    public const string RecurringJobId = "email-queue.expire-finished-events";

    public Task ExecuteAsync(ExpireEmailEventsArgs args, CancellationToken cancellationToken) =>
        sweep.RunAsync(RecurringJobId, options.CurrentValue.Retention, store.DeleteFinishedBeforeAsync, cancellationToken);
}
