namespace Messaging.RateLimiting;

/// <summary>
/// The limits one decision enforces for one tenant. Each is exact, not approximated: a request is admitted only if
/// fewer than <see cref="PerWindow"/> requests were admitted in the <see cref="Window"/> before it, fewer than
/// <see cref="Burst"/> in the <see cref="BurstWindow"/> (one second) before it, and fewer than <see cref="Concurrent"/>
/// of the tenant's admitted requests are still being answered. Refused requests count against nothing.
/// </summary>
/// <param name="LeaseTimeout">
/// How long a concurrency slot is held at most: a slot an instance took and never gave back (it crashed) frees itself then.
/// </param>
public readonly record struct RateLimits(int PerWindow, TimeSpan Window, int Burst, int Concurrent, TimeSpan LeaseTimeout)
{
    /// <summary>What "burst" means: requests admitted within the last second.</summary>
    public static readonly TimeSpan BurstWindow = TimeSpan.FromSeconds(1);

    /// <summary>The most admissions one request can ever be granted at once: the smaller of the window and burst limits.</summary>
    public int MaxPermitsAtOnce => Math.Min(PerWindow, Burst);

    public void EnsureAdmissible(int permits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permits, MaxPermitsAtOnce);
    }
}
