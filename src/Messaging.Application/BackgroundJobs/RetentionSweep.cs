using Messaging.DistributedLocking;
using Microsoft.Extensions.Logging;

namespace Messaging.BackgroundJobs;

/// <summary>What one sweep did; null from <see cref="RetentionSweep.RunAsync"/> when another instance was running it.</summary>
public sealed record SweepReport(int Deleted, int Batches, DateTime Cutoff);

/// <summary>
/// The shape of every retention and sweep job: run on one instance at a time, cut off by age, and delete in batches
/// of <see cref="BatchSize"/> rows, each its own short statement and transaction, so writers (the group commit above
/// all, and on SQLite there is one writer at a time) get through between batches instead of waiting for the whole
/// sweep; then report, in the log and in <c>messaging_backgroundjobs_sweep_deleted</c>, <c>..._sweep_runs{outcome}</c> and
/// <c>..._sweep_deleted_per_run</c>. A job calls it with its retention and
/// a delegate that deletes one batch.
/// </summary>
public sealed partial class RetentionSweep(IDistributedLock distributedLock, SweepMetrics metrics, TimeProvider clock, ILogger<RetentionSweep> logger)
{
    public const int BatchSize = 1000;

    /// <param name="name">The job's id: the lock every instance competes for, the log's and the metric's name.</param>
    /// <param name="deleteBatch">Deletes at most the given number of rows older than the cutoff; returns how many it deleted.</param>
    public Task<SweepReport?> RunAsync(string name, TimeSpan retention,
        Func<DateTime, int, CancellationToken, Task<int>> deleteBatch, CancellationToken cancellationToken) =>
        SweepAsync(name, now => now - retention, (cutoff, maxCount, token) => deleteBatch(cutoff, maxCount, token), cancellationToken);

    /// <summary>
    /// A sweep cut by something other than age, such as a cap on the rows a tenant keeps: the same lock, batches, log and
    /// metrics; its report's cutoff is the time it ran.
    /// </summary>
    /// <param name="deleteBatch">Deletes at most the given number of rows beyond the limit; returns how many it deleted.</param>
    public Task<SweepReport?> RunAsync(string name, Func<int, CancellationToken, Task<int>> deleteBatch, CancellationToken cancellationToken) =>
        SweepAsync(name, now => now, (_, maxCount, token) => deleteBatch(maxCount, token), cancellationToken);

    private async Task<SweepReport?> SweepAsync(string name, Func<DateTime, DateTime> cutoffAt,
        Func<DateTime, int, CancellationToken, Task<int>> deleteBatch, CancellationToken cancellationToken)
    {
        // Every instance schedules the job; one run at a time is enough.
        await using var held = await distributedLock.TryAcquireAsync(name, TimeSpan.FromMinutes(10), cancellationToken);
        if (held is null)
        {
            metrics.Ran(name, "skipped");
            return null;
        }

        var cutoff = cutoffAt(clock.GetUtcNow().UtcDateTime);
        var deleted = 0;
        var batches = 0;
        try
        {
            int count;
            do
            {
                count = await deleteBatch(cutoff, BatchSize, cancellationToken);
                deleted += count;
                batches++;
                metrics.Deleted(name, count);
            }
            while (count == BatchSize);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            metrics.Ran(name, "failed", deleted);
            LogSweepFailed(logger, failure, name, deleted, batches);
            throw;
        }

        metrics.Ran(name, "succeeded", deleted);
        LogSwept(logger, name, deleted, batches, cutoff);
        return new SweepReport(deleted, batches, cutoff);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Job} failed after deleting {Count} rows in {Batches} batches; the next run goes on")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception, string job, int count, int batches);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Job} deleted {Count} rows in {Batches} batches, cut off at {Cutoff:o}")]
    private static partial void LogSwept(ILogger logger, string job, int count, int batches, DateTime cutoff);
}
