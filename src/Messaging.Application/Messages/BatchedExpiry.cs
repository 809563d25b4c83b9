using Messaging.DistributedLocking;
using Microsoft.Extensions.Logging;

namespace Messaging.Messages;

/// <summary>What one expiry run did; null from <see cref="BatchedExpiry.RunAsync"/> when another instance was running it.</summary>
public sealed record ExpiryReport(int Expired, int Batches, DateTime Cutoff);

/// <summary>
/// The shape of every retention job: run on one instance at a time, cut off by age, and expire in batches of
/// <see cref="BatchSize"/> rows, each its own short statement and transaction, so writers (the group commit above
/// all, and on SQLite there is one writer at a time) get through between batches instead of waiting for the whole
/// expiry; then report.
/// </summary>
public sealed partial class BatchedExpiry(IDistributedLock distributedLock, TimeProvider clock, ILogger<BatchedExpiry> logger)
{
    public const int BatchSize = 1000;

    /// <param name="expireBatch">Expires at most the given number of rows older than the cutoff; returns how many it expired.</param>
    public async Task<ExpiryReport?> RunAsync(string name, TimeSpan retention,
        Func<DateTime, int, CancellationToken, Task<int>> expireBatch, CancellationToken cancellationToken)
    {
        // Every instance schedules the job; one run at a time is enough.
        await using var held = await distributedLock.TryAcquireAsync(name, TimeSpan.FromMinutes(10), cancellationToken);
        if (held is null)
        {
            return null;
        }

        var cutoff = clock.GetUtcNow().UtcDateTime - retention;
        var expired = 0;
        var batches = 0;
        int count;
        do
        {
            count = await expireBatch(cutoff, BatchSize, cancellationToken);
            expired += count;
            batches++;
        }
        while (count == BatchSize);

        LogExpired(logger, name, expired, batches, cutoff);
        return new ExpiryReport(expired, batches, cutoff);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Job} expired {Count} rows older than {Cutoff:o} in {Batches} batches")]
    private static partial void LogExpired(ILogger logger, string job, int count, int batches, DateTime cutoff);
}
