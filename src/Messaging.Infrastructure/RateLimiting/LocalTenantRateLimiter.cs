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

    public ValueTask<RateLimitDecision> AcquireAsync(Guid tenantId, RateLimits limits, int permits, bool holdsSlot,
        CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Acquire(tenantId, limits, permits, holdsSlot));

    public RateLimitDecision Acquire(Guid tenantId, RateLimits limits, int permits = 1, bool holdsSlot = true)
    {
        limits.EnsureAdmissible(permits);
        SweepIfDue();
        while (true)
        {
            var state = _tenants.GetOrAdd(tenantId, static _ => new TenantState());
            lock (state)
            {
                if (!state.IsRetired)
                {
                    return Acquire(state, limits, permits, holdsSlot);
                }
            }
        }
    }

    /// <summary>The number of partitions held in memory.</summary>
    public int PartitionCount => _tenants.Count;

    private RateLimitDecision Acquire(TenantState state, RateLimits limits, int permits, bool holdsSlot)
    {
        var windowMs = (long)limits.Window.TotalMilliseconds;
        state.WindowMs = windowMs;
        var log = state.Log;
        var now = Math.Max(clock.GetUtcNow().ToUnixTimeMilliseconds(), log.Newest);
        log.RemoveUpTo(now - windowMs);
        var count = log.Count;
        // Refused: the wait is until enough of the oldest entries leave for the permits to fit.
        if (count + permits > limits.PerWindow)
        {
            return RateLimitDecision.Refused(RateLimitKind.Window, limits.PerWindow,
                TimeSpan.FromMilliseconds(log[count + permits - limits.PerWindow - 1] + windowMs - now));
        }

        if (log.CountAfter(now - BurstWindowMs) + permits > limits.Burst)
        {
            return RateLimitDecision.Refused(RateLimitKind.Burst, limits.Burst,
                TimeSpan.FromMilliseconds(log[count + permits - limits.Burst - 1] + BurstWindowMs - now));
        }

        if (holdsSlot && state.InFlight >= limits.Concurrent)
        {
            // A slot frees when one of the tenant's requests finishes, which cannot be foretold: the shortest wait.
            return RateLimitDecision.Refused(RateLimitKind.Concurrency, limits.Concurrent, TimeSpan.FromSeconds(1));
        }

        for (var i = 0; i < permits; i++)
        {
            log.Add(now);
        }

        if (holdsSlot)
        {
            state.InFlight++;
        }

        return RateLimitDecision.Admitted(limits.PerWindow, limits.PerWindow - count - permits,
            log.Count == 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(log[0] + windowMs - now),
            holdsSlot ? state.Release : NoSlot);
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

    private static readonly Func<ValueTask> NoSlot = static () => ValueTask.CompletedTask;

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
