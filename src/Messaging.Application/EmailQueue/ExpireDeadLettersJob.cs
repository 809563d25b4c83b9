using Messaging.BackgroundJobs;
using Microsoft.Extensions.Options;

namespace Messaging.EmailQueue;

public sealed record ExpireDeadLettersArgs(Guid? TenantId = null) : IJobArgs;

/// <summary>
/// Deletes dead letters, with their attempts, past <c>EmailQueue:DeadLetterRetention</c>, then each tenant's oldest
/// beyond <c>EmailQueue:DeadLetterCap</c>, so a server refusing everything for days cannot fill the database.
/// </summary>
public sealed class ExpireDeadLettersJob(
    IEmailDeliveryStore store,
    RetentionSweep sweep,
    IOptionsMonitor<EmailQueueOptions> options) : IBackgroundJob<ExpireDeadLettersArgs>
{
    public const string RecurringJobId = "email-queue.expire-dead-letters";
    public const string CapSweepId = RecurringJobId + ".cap";

    public async Task ExecuteAsync(ExpireDeadLettersArgs args, CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        await sweep.RunAsync(RecurringJobId, current.DeadLetterRetention, store.DeleteDeadLettersBeforeAsync, cancellationToken);
        await sweep.RunAsync(CapSweepId, (maxCount, token) => store.DeleteDeadLettersBeyondCapAsync(current.DeadLetterCap, maxCount, token),
            cancellationToken);
    }
}
