using Messaging.BackgroundJobs;
using Microsoft.Extensions.Options;

namespace Messaging.Messages;

public sealed record ExpireIdempotencyKeysArgs(Guid? TenantId = null) : IJobArgs;

/// <summary>Forgets idempotency keys past their retention, so clients may reuse them and the unique index stays small.</summary>
public sealed class ExpireIdempotencyKeysJob(
    IMessageRepository repository,
    RetentionSweep sweep,
    IOptionsMonitor<HighThroughputOptions> options) : IBackgroundJob<ExpireIdempotencyKeysArgs>
{
    public const string RecurringJobId = "messages.expire-idempotency-keys";

    public Task ExecuteAsync(ExpireIdempotencyKeysArgs args, CancellationToken cancellationToken) =>
        sweep.RunAsync(RecurringJobId, options.CurrentValue.Idempotency.Retention, repository.ExpireIdempotencyKeysAsync, cancellationToken);
}
