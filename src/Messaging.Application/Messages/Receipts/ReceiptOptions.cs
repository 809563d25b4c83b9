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
}
