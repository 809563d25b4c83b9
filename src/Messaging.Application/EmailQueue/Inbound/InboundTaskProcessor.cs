using System.Diagnostics;
using Messaging.BackgroundJobs;
using Messaging.Threading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.EmailQueue.Inbound;

/// <summary>An answered email waiting for phase 2, with what its watch rules look at.</summary>
public sealed record InboundPendingEmail(InboundWorkItem Work, InboundEmailFacts Facts)
{
    public static int TaskCount => InboundWorkItem.Tasks.Count;
}

public sealed class InboundFlushSignal : WakeSignal;

/// <summary>
/// The seed's asynchronous task processor. Phase 1 hands it an email's tasks after the answer is written; it holds them
/// in a bounded queue (above <c>MaxQueueSize</c> the oldest email's tasks are dropped, counted, and left to the recovery,
/// since the email is stored), flushes every <c>FlushInterval</c> or at <c>BatchSize</c> tasks, and writes each batch in
/// one transaction with one statement per kind of task, retrying with exponential backoff while the database fails.
/// A batch that still fails is logged and counted as failed; its emails stay unprocessed for the recovery. Nothing here
/// reaches phase 1: enqueueing is a list append under a lock. On shutdown it flushes what it holds.
/// </summary>
public sealed partial class InboundTaskProcessor(
    IServiceScopeFactory scopes,
    InboundRuleCache rules,
    IOptionsMonitor<InboundEmailOptions> options,
    InboundEmailMetrics metrics,
    TimeProvider clock,
    ILogger<InboundTaskProcessor> logger) : BackgroundService
{
    private readonly object _lock = new();
    private readonly LinkedList<InboundPendingEmail> _queue = new();
    private readonly InboundFlushSignal _signal = new();
    private int _queuedTasks;
    private long _processed;
    private long _failed;
    private long _dropped;
    private int _processing;
    private DateTime? _lastFlushAt;
    private int _lastBatchSize;
    private double _lastBatchMilliseconds;
    private int _lastBatchFailed;

    /// <summary>Whether the last batch was given up after its attempts (the database refusing phase 2's writes).</summary>
    public bool LastBatchFailed => Volatile.Read(ref _lastBatchFailed) == 1;

    /// <summary>Queues all of an email's tasks at once; drops the oldest emails' tasks while the queue is over its bound.</summary>
    public void EnqueueAll(InboundPendingEmail email)
    {
        var settings = options.CurrentValue;
        var dropped = 0;
        bool full;
        lock (_lock)
        {
            _queue.AddLast(email);
            _queuedTasks += InboundPendingEmail.TaskCount;
            while (_queuedTasks > settings.MaxQueueSize && _queue.Count > 0)
            {
                _queue.RemoveFirst();
                _queuedTasks -= InboundPendingEmail.TaskCount;
                dropped += InboundPendingEmail.TaskCount;
            }

            full = _queuedTasks >= settings.BatchSize;
        }

        if (dropped > 0)
        {
            Interlocked.Add(ref _dropped, dropped);
            metrics.Tasks("dropped", dropped);
            LogDropped(logger, dropped, settings.MaxQueueSize);
        }

        if (full)
        {
            _signal.Notify();
        }
    }

    public InboundQueueStatusDto Status()
    {
        lock (_lock)
        {
            return new InboundQueueStatusDto(options.CurrentValue.Phase2Mode, _queuedTasks, Volatile.Read(ref _processing) > 0,
                Interlocked.Read(ref _processed), Interlocked.Read(ref _failed), Interlocked.Read(ref _dropped), _lastFlushAt, _lastBatchSize,
                _lastBatchMilliseconds);
        }
    }

    /// <summary>Writes emails at once, outside the queue: the synchronous mode's path and the recovery's.</summary>
    /// <returns>Whether the batch was written.</returns>
    public Task<bool> ProcessNowAsync(IReadOnlyList<InboundPendingEmail> emails, CancellationToken cancellationToken) =>
        ProcessBatchAsync(emails, cancellationToken);

    /// <summary>Flushes everything queued now, batch after batch.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (TakeBatch() is { Count: > 0 } batch)
        {
            await ProcessBatchAsync(batch, cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _signal.WaitAsync(options.CurrentValue.FlushInterval, stoppingToken);
                await FlushAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // What is held in memory is written before the process ends, within the host's shutdown timeout.
        await FlushAsync(cancellationToken);
    }

    private List<InboundPendingEmail> TakeBatch()
    {
        var batch = new List<InboundPendingEmail>();
        var maxEmails = Math.Max(1, options.CurrentValue.BatchSize / InboundPendingEmail.TaskCount);
        lock (_lock)
        {
            while (batch.Count < maxEmails && _queue.First is { } first)
            {
                _queue.RemoveFirst();
                _queuedTasks -= InboundPendingEmail.TaskCount;
                batch.Add(first.Value);
            }
        }

        return batch;
    }

    private async Task<bool> ProcessBatchAsync(IReadOnlyList<InboundPendingEmail> batch, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var tasks = batch.Count * InboundPendingEmail.TaskCount;
        Interlocked.Increment(ref _processing);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var items = await WithWatchHitsAsync(batch, cancellationToken);
                    await using var scope = scopes.CreateAsyncScope();
                    var writer = scope.ServiceProvider.GetRequiredService<IInboundBatchWriter>();
                    var result = await writer.WriteAsync(items, new InboundBatchSettings(settings.DynamicRuleThreshold, settings.DynamicRuleWindow,
                        settings.DynamicRuleLifetime, settings.DynamicRuleAction), clock.GetUtcNow().UtcDateTime, cancellationToken);
                    var elapsed = Stopwatch.GetElapsedTime(started);
                    Completed(batch, result, tasks, elapsed);
                    await AfterWriteAsync(items, result, cancellationToken);
                    return true;
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    if (attempt >= settings.MaxBatchAttempts)
                    {
                        Volatile.Write(ref _lastBatchFailed, 1);
                        Interlocked.Add(ref _failed, tasks);
                        metrics.Tasks("failed", tasks);
                        LogBatchFailed(logger, exception, batch.Count, tasks, attempt);
                        return false;
                    }

                    var delay = RetryBackoff.After(attempt, settings.FirstRetryDelay, settings.MaxRetryDelay, Random.Shared.NextDouble());
                    LogBatchRetried(logger, exception, batch.Count, attempt, delay.TotalMilliseconds);
                    await Task.Delay(delay, clock, cancellationToken);
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _processing);
        }
    }

    private async Task<List<InboundWorkItem>> WithWatchHitsAsync(IReadOnlyList<InboundPendingEmail> batch, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var items = new List<InboundWorkItem>(batch.Count);
        foreach (var pending in batch)
        {
            var set = await rules.GetAsync(pending.Work.WorkerId, cancellationToken);
            items.Add(pending.Work with { WatchHits = set?.WatchHits(pending.Facts, now) ?? [] });
        }

        return items;
    }

    private void Completed(IReadOnlyList<InboundPendingEmail> batch, InboundBatchResult result, int tasks, TimeSpan elapsed)
    {
        Volatile.Write(ref _lastBatchFailed, 0);
        Interlocked.Add(ref _processed, tasks);
        metrics.Tasks("processed", tasks);
        metrics.Batch(elapsed);
        metrics.Statements("phase2", result.Statements);
        lock (_lock)
        {
            _lastFlushAt = clock.GetUtcNow().UtcDateTime;
            _lastBatchSize = tasks;
            _lastBatchMilliseconds = Math.Round(elapsed.TotalMilliseconds, 3);
        }

        LogBatchWritten(logger, batch.Count, tasks, result.Counted.Count, result.Statements, elapsed.TotalMilliseconds);
    }

    /// <summary>Signal monitoring: a watch rule whose hits crossed its threshold in this batch raises an alert.</summary>
    private async Task AfterWriteAsync(IReadOnlyList<InboundWorkItem> items, InboundBatchResult result, CancellationToken cancellationToken)
    {
        var counted = result.Counted.ToHashSet();
        foreach (var watch in result.WatchCounts)
        {
            var added = items.Where(i => counted.Contains(i.EmailId)).Sum(i => i.WatchHits.Count(id => id == watch.RuleId));
            if (added > 0 && watch.HitCount >= watch.AlertThreshold && watch.HitCount - added < watch.AlertThreshold)
            {
                metrics.Alert();
                LogAlert(logger, watch.TenantId, watch.RuleId, watch.Name, watch.HitCount, watch.AlertThreshold);
            }
        }

        foreach (var tenantId in result.DynamicRuleTenants)
        {
            await rules.TenantChangedAsync(tenantId, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Phase 2 wrote {Emails} emails ({Tasks} tasks, {Counted} newly counted) in {Statements} statements and {ElapsedMs:0.0} ms")]
    private static partial void LogBatchWritten(ILogger logger, int emails, int tasks, int counted, int statements, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Phase 2 could not write {Emails} emails (attempt {Attempt}); trying again in {DelayMs:0} ms")]
    private static partial void LogBatchRetried(ILogger logger, Exception exception, int emails, int attempt, double delayMs);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Phase 2 failed {Tasks} tasks of {Emails} emails after {Attempts} attempts; the emails stay unprocessed for the recovery")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int emails, int tasks, int attempts);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Phase 2's queue is over {MaxQueueSize} tasks: dropped {Tasks} tasks of the oldest emails; the recovery processes them later")]
    private static partial void LogDropped(ILogger logger, int tasks, int maxQueueSize);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Watch rule {RuleId} ({RuleName}) of tenant {TenantId} reached {Hits} hits, its alert threshold being {Threshold}")]
    private static partial void LogAlert(ILogger logger, Guid tenantId, Guid ruleId, string ruleName, long hits, long threshold);
}
