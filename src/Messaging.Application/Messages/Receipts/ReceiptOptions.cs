namespace Messaging.Messages.Receipts;

public sealed class ReceiptOptions
{
    public const string SectionName = "Delivery:Receipts";

    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromMinutes(5);

    // Longer than providers keep retrying (Meta: 7 days).
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(8);

    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(30);

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

    public int BurstLimit { get; set; }

    public int ConcurrentRequests { get; set; }

    public bool IsValid => RequestsPerMinute >= 1 && BurstLimit >= 1 && ConcurrentRequests >= 1;
}
