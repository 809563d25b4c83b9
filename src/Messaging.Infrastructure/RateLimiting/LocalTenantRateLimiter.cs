using System.Collections.Concurrent;
using Messaging.RateLimiting;

namespace Messaging.Infrastructure.RateLimiting;

/// <summary>
/// The limiter of one instance: the same exact sliding-window log, burst and concurrency rules as the Redis script,
/// kept in memory per tenant. It is the limiter when Redis is not configured, and the fallback while Redis is away
/// (then each instance enforces the whole limit on its own). A clock that steps back is taken as standing still.
/// A tenant's log is trimmed when it next sends, so it holds at most its limit's worth of entries; a partition with
/// nothing left in its window and nothing in flight is dropped at the next sweep (at most one a minute), so partitions
/// that come and go (clients limited by address) do not accumulate.
/// </summary>
public sealed class LocalTenantRateLimiter(TimeProvider clock) : ITenantRateLimiter
{
    private static readonly long BurstWindowMs = (long)RateLimits.BurstWindow.TotalMilliseconds;

    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, TenantState> _tenants = new();
    private long _lastSweep = clock.GetTimestamp();

    public ValueTask<RateLimitDecision> AcquireAsync(Guid tenantId, RateLimits limits, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Acquire(tenantId, limits));

    public RateLimitDecision Acquire(Guid tenantId, RateLimits limits)
    {
        SweepIfDue();
        while (true)
        {
            var state = _tenants.GetOrAdd(tenantId, static _ => new TenantState());
            lock (state)
            {
                if (!state.IsRetired)
                {
                    return Acquire(state, limits);
                }
            }
        }
    }

    /// <summary>The number of partitions held in memory.</summary>
    public int PartitionCount => _tenants.Count;

    private RateLimitDecision Acquire(TenantState state, RateLimits limits)
    {
        var windowMs = (long)limits.Window.TotalMilliseconds;
        state.WindowMs = windowMs;
        var log = state.Log;
        var now = Math.Max(clock.GetUtcNow().ToUnixTimeMilliseconds(), log.Newest);
        log.RemoveUpTo(now - windowMs);
        var count = log.Count;
        if (count >= limits.PerWindow)
        {
            return RateLimitDecision.Refused(RateLimitKind.Window, limits.PerWindow,
                TimeSpan.FromMilliseconds(log[count - limits.PerWindow] + windowMs - now));
        }

        if (log.CountAfter(now - BurstWindowMs) >= limits.Burst)
        {
            return RateLimitDecision.Refused(RateLimitKind.Burst, limits.Burst,
                TimeSpan.FromMilliseconds(log[count - limits.Burst] + BurstWindowMs - now));
        }

        if (state.InFlight >= limits.Concurrent)
        {
            // A slot frees when one of the tenant's requests finishes, which cannot be foretold: the shortest wait.
            return RateLimitDecision.Refused(RateLimitKind.Concurrency, limits.Concurrent, TimeSpan.FromSeconds(1));
        }

        log.Add(now);
        state.InFlight++;
        return RateLimitDecision.Admitted(limits.PerWindow, limits.PerWindow - count - 1,
            TimeSpan.FromMilliseconds(log[0] + windowMs - now), state.Release);
    }

    private void SweepIfDue()
    {
        var last = Interlocked.Read(ref _lastSweep);
        if (clock.GetElapsedTime(last) < SweepInterval || Interlocked.CompareExchange(ref _lastSweep, clock.GetTimestamp(), last) != last)
        {
            return;
        }

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var (tenantId, state) in _tenants)
        {
            lock (state)
            {
                if (state.InFlight == 0 && state.Log.Newest <= now - state.WindowMs - BurstWindowMs)
                {
                    state.IsRetired = true;
                    _tenants.TryRemove(new KeyValuePair<Guid, TenantState>(tenantId, state));
                }
            }
        }
    }

    private sealed class TenantState
    {
        public TenantState() => Release = ReleaseSlot;

        public TimestampLog Log { get; } = new();

        public int InFlight { get; set; }

        /// <summary>The window of the last decision: once its log is older than that, the partition holds nothing.</summary>
        public long WindowMs { get; set; }

        /// <summary>Dropped by a sweep; a caller that still holds it takes a fresh one.</summary>
        public bool IsRetired { get; set; }

        /// <summary>One delegate per tenant, not one per request.</summary>
        public Func<ValueTask> Release { get; }

        private ValueTask ReleaseSlot()
        {
            lock (this)
            {
                InFlight--;
            }

            return ValueTask.CompletedTask;
        }
    }
}
