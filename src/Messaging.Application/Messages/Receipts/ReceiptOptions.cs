namespace Messaging.Messages.Receipts;

/// <summary>Bound from <c>Delivery:Receipts</c>.</summary>
public sealed class ReceiptOptions
{
    public const string SectionName = "Delivery:Receipts";

    /// <summary>How far a signed timestamp (X-Messaging-Timestamp) may be from our clock; older requests are replays.</summary>
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long processed receipts are remembered to recognise repeats; longer than providers keep retrying (Meta: 7 days).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(8);

    /// <summary>What a provider is told to wait when some receipts of a verified request name messages we do not know yet.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Limits of the anonymous receipts endpoint, checked before the body is read: per client address (an IPv6 client by
    /// its /64) and for all clients together, shared by all instances like the tenants' limits.
    /// </summary>
    public ReceiptRateLimitOptions RateLimit { get; set; } = new();
}

public sealed class ReceiptRateLimitOptions
{
    public bool Enabled { get; set; } = true;

    public ReceiptRateLimit PerClient { get; set; } = new() { RequestsPerMinute = 600, BurstLimit = 100, ConcurrentRequests = 20 };

    public ReceiptRateLimit Global { get; set; } = new() { RequestsPerMinute = 30_000, BurstLimit = 1_000, ConcurrentRequests = 200 };
}

public sealed class ReceiptRateLimit
{
    public int RequestsPerMinute { get; set; }

    /// <summary>Requests within any one second.</summary>
    public int BurstLimit { get; set; }

    /// <summary>Requests being answered at once.</summary>
    public int ConcurrentRequests { get; set; }

    public bool IsValid => RequestsPerMinute >= 1 && BurstLimit >= 1 && ConcurrentRequests >= 1;
}
