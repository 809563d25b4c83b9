namespace Messaging.Messages.Callbacks;

/// <summary>Bound from <c>Delivery:Callbacks</c>.</summary>
public sealed class StatusCallbackOptions
{
    public const string SectionName = "Delivery:Callbacks";

    /// <summary>Posts of one status change before it is given up (logged and counted).</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>The wait after the first failure; it doubles after each further one, with ±20 % jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long one post may take, connection included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long "does this tenant have a callback" is cached. Status changes of tenants without one cost no query; a
    /// callback set on another instance is seen within this time.
    /// </summary>
    public TimeSpan LookupCacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}
