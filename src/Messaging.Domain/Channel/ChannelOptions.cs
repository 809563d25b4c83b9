namespace Messaging.Channel;

/// <summary>The Channel module: <c>Channel</c> in the configuration.</summary>
public sealed class ChannelOptions
{
    public const string SectionName = "Channel";

    /// <summary>How long channel metadata stays cached (in memory and Redis); every change evicts it on every instance.</summary>
    public TimeSpan MetadataCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary><c>Batched</c> (a fixed number of queries per page) or <c>PerChannel</c> (the naive baseline for the benchmark).</summary>
    public ChannelListLoading ListLoading { get; set; } = ChannelListLoading.Batched;

    /// <summary>A reconnecting subscriber is replayed at most this many missed messages...</summary>
    public int ReplayCount { get; set; } = 1000;

    /// <summary>...of at most this age; anything it missed beyond either is announced by a <c>gap</c> event.</summary>
    public TimeSpan ReplayAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a browser's subscription token is valid.</summary>
    public TimeSpan SubscriptionTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public DelayedMessageOptions DelayedMessages { get; set; } = new();

    public bool IsValid => MetadataCacheDuration > TimeSpan.Zero && ReplayCount >= 1 && ReplayAge > TimeSpan.Zero
        && SubscriptionTokenLifetime > TimeSpan.Zero && SubscriptionTokenLifetime <= TimeSpan.FromHours(1) && DelayedMessages.IsValid;
}

public enum ChannelListLoading
{
    Batched,
    PerChannel
}

/// <summary><c>Channel:DelayedMessages</c>.</summary>
public sealed class DelayedMessageOptions
{
    /// <summary>Waiting delayed messages a tenant may have; a post beyond it is refused with 429 before anything is stored.</summary>
    public int MaxWaitingPerTenant { get; set; } = 10_000;

    /// <summary>Readiness reports degraded while more than this many wait across tenants.</summary>
    public long AlertThreshold { get; set; } = 10_000;

    /// <summary>The furthest in the future a message may be scheduled.</summary>
    public TimeSpan MaxHorizon { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Delivered, cancelled and expired messages are deleted this long after they finished.</summary>
    public TimeSpan FinishedRetention { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The <c>Retry-After</c> of a refusal because the tenant's queue is full.</summary>
    public TimeSpan FullRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    public int BatchSize { get; set; } = 100;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a worker holds what it claimed before another may take it over.</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsValid => MaxWaitingPerTenant >= 1 && AlertThreshold >= 1 && MaxHorizon > TimeSpan.Zero && FinishedRetention >= TimeSpan.Zero
        && FullRetryAfter > TimeSpan.Zero && BatchSize >= 1 && PollInterval > TimeSpan.Zero && ClaimDuration > TimeSpan.Zero;
}
