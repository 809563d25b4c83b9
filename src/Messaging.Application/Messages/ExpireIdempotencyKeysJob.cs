using Messaging.BackgroundJobs;
using Messaging.DistributedLocking;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Messages;

public sealed record ExpireIdempotencyKeysArgs(Guid? TenantId = null) : IJobArgs;

/// <summary>Forgets idempotency keys past their retention, so clients may reuse them and the unique index stays small.</summary>
public sealed partial class ExpireIdempotencyKeysJob(
    IMessageRepository repository,
    IDistributedLock distributedLock,
    IOptionsMonitor<HighThroughputOptions> options,
    TimeProvider clock,
    ILogger<ExpireIdempotencyKeysJob> logger) : IBackgroundJob<ExpireIdempotencyKeysArgs>
{
    public const string RecurringJobId = "messages.expire-idempotency-keys";

    public async Task ExecuteAsync(ExpireIdempotencyKeysArgs args, CancellationToken cancellationToken)
    {
        // Every instance schedules this job; one run at a time is enough.
        await using var held = await distributedLock.TryAcquireAsync(RecurringJobId, TimeSpan.FromMinutes(10), cancellationToken);
        if (held is null)
        {
            return;
        }

        var cutoff = clock.GetUtcNow().UtcDateTime - options.CurrentValue.Idempotency.Retention;
        var expired = await repository.ExpireIdempotencyKeysAsync(cutoff, cancellationToken);
        LogExpired(logger, expired, cutoff);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Expired {Count} idempotency keys of messages accepted before {Cutoff:o}")]
    private static partial void LogExpired(ILogger logger, int count, DateTime cutoff);
}
