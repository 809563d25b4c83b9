namespace Messaging.EmailQueue.Inbound;

/// <summary>A tenant's counts of answered emails by action, added by phase 2.</summary>
public sealed class InboundStats
{
    private InboundStats()
    {
    }

    public Guid TenantId { get; private set; }

    public long Forwarded { get; private set; }

    public long Deleted { get; private set; }

    public long Dropped { get; private set; }

    public long Tagged { get; private set; }

    public DateTime UpdatedAt { get; private set; }
}

/// <summary>How often a sender sent one subject to a tenant (campaign analytics).</summary>
public sealed class InboundCampaignStat
{
    private InboundCampaignStat()
    {
    }

    public Guid TenantId { get; private set; }

    /// <summary>SHA-256 of sender and subject, the key that keeps the index short.</summary>
    public string Key { get; private set; } = "";

    public string Sender { get; private set; } = "";

    public string Subject { get; private set; } = "";

    public long Count { get; private set; }

    public DateTime FirstSeenAt { get; private set; }

    public DateTime LastSeenAt { get; private set; }
}

/// <summary>How often a subject reached a tenant in the current window; over the threshold, a dynamic rule is made.</summary>
public sealed class InboundSubjectTrack
{
    private InboundSubjectTrack()
    {
    }

    public Guid TenantId { get; private set; }

    public string Key { get; private set; } = "";

    public string Subject { get; private set; } = "";

    public DateTime WindowStartedAt { get; private set; }

    public long Count { get; private set; }
}
