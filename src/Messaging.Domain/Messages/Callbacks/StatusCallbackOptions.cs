namespace Messaging.Messages.Callbacks;

/// <summary>Bound from <c>Delivery:Callbacks</c>.</summary>
public sealed class StatusCallbackOptions
{
    public const string SectionName = "Delivery:Callbacks";

    /// <summary>Posts of one status change before it is given up (logged and counted).</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>The wait after the first failure; it doubles after each further one, jittered, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long one post may take, connection included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long "does this tenant have a callback" is cached. Status changes of tenants without one cost no query; a
    /// callback set on another instance is seen within this time.
    /// </summary>
    public TimeSpan LookupCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Callbacks one delivery round claims.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Of one tenant per round: a tenant whose server times out holds at most this many of the round's posts, the
    /// others go on.
    /// </summary>
    public int MaxPerTenantPerRound { get; set; } = 8;

    public int MaxConcurrentPosts { get; set; } = 16;

    /// <summary>How often an instance looks for due callbacks when nothing woke it; a status change on the same instance wakes it at once.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a round's claim lasts: long enough for every post of a full round to time out one after another on
    /// its share of the concurrent posts, so an instance still posting is never taken over.
    /// </summary>
    public TimeSpan ClaimDuration =>
        Timeout * Math.Ceiling(BatchSize / (double)Math.Max(MaxConcurrentPosts, 1)) + TimeSpan.FromSeconds(30);

    public bool IsValid => MaxAttempts >= 1 && FirstRetryDelay > TimeSpan.Zero && MaxRetryDelay >= FirstRetryDelay && Timeout > TimeSpan.Zero
        && LookupCacheDuration > TimeSpan.Zero && BatchSize >= 1 && MaxPerTenantPerRound >= 1 && MaxConcurrentPosts >= 1
        && PollInterval > TimeSpan.Zero;
}
