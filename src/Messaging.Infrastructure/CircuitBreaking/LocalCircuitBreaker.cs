using System.Collections.Concurrent;
using Messaging.CircuitBreaking;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Infrastructure.CircuitBreaking;

/// <summary>
/// Circuits within this process: the embedded default, and the fallback of <see cref="RedisCircuitBreaker"/> while Redis
/// is down. A healthy circuit has no entry at all, so the hot path's acquire is one dictionary miss.
/// </summary>
public sealed partial class LocalCircuitBreaker(
    IOptionsMonitor<CircuitBreakerOptions> options,
    TimeProvider clock,
    ICircuitMetrics metrics,
    ILogger<LocalCircuitBreaker> logger) : ICircuitBreaker
{
    private readonly ConcurrentDictionary<CircuitKey, Entry> _circuits = new();
    private long _nextSweepTicks;

    public ValueTask<CircuitPermit> AcquireAsync(CircuitKey key, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_circuits.ContainsKey(key)
            ? Change(key, (record, now, settings) => record.Acquire(now, settings))
            : CircuitPermit.Closed);

    public ValueTask RecordSuccessAsync(CircuitKey key, CancellationToken cancellationToken = default)
    {
        if (_circuits.ContainsKey(key))
        {
            Change(key, (record, _, _) => (record.Succeeded(), true));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask RecordFailureAsync(CircuitKey key, CancellationToken cancellationToken = default)
    {
        Change(key, (record, now, settings) => (record.Failed(now, settings), true));
        return ValueTask.CompletedTask;
    }

    public Task<IReadOnlyList<CircuitSnapshot>> ListAsync(CancellationToken cancellationToken = default)
    {
        var now = Now();
        Sweep(now);
        var snapshots = new List<CircuitSnapshot>();
        foreach (var (key, entry) in _circuits)
        {
            lock (entry)
            {
                if (!entry.Removed && entry.IsLive(now))
                {
                    snapshots.Add(entry.Record.ToSnapshot(key));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<CircuitSnapshot>>(snapshots);
    }

    public Task<CircuitSnapshot> ForceOpenAsync(CircuitKey key, CancellationToken cancellationToken = default) =>
        Task.FromResult(Change(key, (record, now, _) =>
        {
            var next = record.ForcedOpen(now);
            return (next, next.ToSnapshot(key));
        }));

    public Task<CircuitSnapshot> ResetAsync(CircuitKey key, CancellationToken cancellationToken = default) =>
        Task.FromResult(Change(key, (_, _, _) => (CircuitRecord.Closed, CircuitRecord.Closed.ToSnapshot(key)), alwaysStore: true));

    /// <summary>Applies one rule to the circuit's record under its lock; an expired record counts as closed.</summary>
    private T Change<T>(CircuitKey key, Func<CircuitRecord, DateTime, CircuitBreakerOptions, (CircuitRecord Next, T Result)> rule,
        bool alwaysStore = false)
    {
        var settings = options.CurrentValue;
        while (true)
        {
            var entry = _circuits.GetOrAdd(key, static _ => new Entry());
            lock (entry)
            {
                if (entry.Removed)
                {
                    continue;
                }

                var now = Now();
                var current = entry.IsLive(now) ? entry.Record : CircuitRecord.Closed;
                var (next, result) = rule(current, now, settings);
                if (next != current || alwaysStore)
                {
                    entry.Record = next;
                    entry.ExpiresAt = next.ExpiresAt(now, settings.IdleExpiry);
                }

                if (next.State != current.State)
                {
                    metrics.Transitioned(key, current.State, next.State);
                    LogTransition(logger, key.ToString(), current.State, next.State);
                }

                if (now.Ticks >= Interlocked.Read(ref _nextSweepTicks))
                {
                    Interlocked.Exchange(ref _nextSweepTicks, (now + TimeSpan.FromMinutes(1)).Ticks);
                    ThreadPool.UnsafeQueueUserWorkItem(static state => state.breaker.Sweep(state.now), (breaker: this, now), preferLocal: false);
                }

                return result;
            }
        }
    }

    /// <summary>Forgets expired records, marking each removed under its lock so a concurrent change starts over.</summary>
    private void Sweep(DateTime now)
    {
        foreach (var (key, entry) in _circuits)
        {
            lock (entry)
            {
                if (!entry.Removed && !entry.IsLive(now))
                {
                    entry.Removed = true;
                    _circuits.TryRemove(KeyValuePair.Create(key, entry));
                }
            }
        }
    }

    /// <summary>Whole milliseconds, the resolution Redis stores, so both implementations decide alike.</summary>
    private DateTime Now() => DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds()).UtcDateTime;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit {Circuit} went from {From} to {To}")]
    private static partial void LogTransition(ILogger logger, string circuit, CircuitState from, CircuitState to);

    private sealed class Entry
    {
        public CircuitRecord Record = CircuitRecord.Closed;

        /// <summary>Null: kept until reset. A new entry expires at once unless a change stores something in it.</summary>
        public DateTime? ExpiresAt = DateTime.MinValue;

        public bool Removed;

        public bool IsLive(DateTime now) => ExpiresAt is null || now < ExpiresAt;
    }
}
