using System.Collections.Concurrent;
using Messaging.RateLimiting;

namespace Messaging.Infrastructure.RateLimiting;

/// <summary>
/// The limiter of one instance: the same exact sliding-window log, burst and concurrency rules as the Redis script,
/// kept in memory per tenant. It is the limiter when Redis is not configured, and the fallback while Redis is away
/// (then each instance enforces the whole limit on its own). A clock that steps back is taken as standing still.
/// A tenant's log is trimmed when it next sends, so it holds at most its limit's worth of entries while the process lives.
/// </summary>
public sealed class LocalTenantRateLimiter(TimeProvider clock) : ITenantRateLimiter
{
    private static readonly long BurstWindowMs = (long)RateLimits.BurstWindow.TotalMilliseconds;

    private readonly ConcurrentDictionary<Guid, TenantState> _tenants = new();

    public ValueTask<RateLimitDecision> AcquireAsync(Guid tenantId, RateLimits limits, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Acquire(tenantId, limits));

    public ValueTask<RateLimitDecision> AcquireAsync(Guid tenantId, RateLimits limits, int permits, bool holdsSlot,
        CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Acquire(tenantId, limits, permits, holdsSlot));

    public RateLimitDecision Acquire(Guid tenantId, RateLimits limits, int permits = 1, bool holdsSlot = true)
    {
        limits.EnsureAdmissible(permits);
        var state = _tenants.GetOrAdd(tenantId, static _ => new TenantState());
        var windowMs = (long)limits.Window.TotalMilliseconds;
        lock (state)
        {
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
    }

    private static readonly Func<ValueTask> NoSlot = static () => ValueTask.CompletedTask;

    private sealed class TenantState
    {
        public TenantState() => Release = ReleaseSlot;

        public TimestampLog Log { get; } = new();

        public int InFlight { get; set; }

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
