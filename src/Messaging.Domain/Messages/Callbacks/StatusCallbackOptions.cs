namespace Messaging.Messages.Callbacks;

public sealed class StatusCallbackOptions
{
    public const string SectionName = "Delivery:Callbacks";

    public int MaxAttempts { get; set; } = 12;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    // Status changes of tenants without a callback cost no query; a callback set on another instance is seen within this time.
    public TimeSpan LookupCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    public int BatchSize { get; set; } = 100;

    // A tenant whose server times out holds at most this many of a round's posts; the others go on.
    public int MaxPerTenantPerRound { get; set; } = 8;

    public int MaxConcurrentPosts { get; set; } = 16;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    // Long enough for every post of a full round to time out one after another on its share of the concurrent posts,
    // so an instance still posting is never taken over.
    public TimeSpan ClaimDuration =>
        Timeout * Math.Ceiling(BatchSize / (double)Math.Max(MaxConcurrentPosts, 1)) + TimeSpan.FromSeconds(30);

    public bool IsValid => MaxAttempts >= 1 && FirstRetryDelay > TimeSpan.Zero && MaxRetryDelay >= FirstRetryDelay && Timeout > TimeSpan.Zero
        && LookupCacheDuration > TimeSpan.Zero && BatchSize >= 1 && MaxPerTenantPerRound >= 1 && MaxConcurrentPosts >= 1
        && PollInterval > TimeSpan.Zero;
}
