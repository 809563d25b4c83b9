namespace Messaging.Messages.Delivery;

public enum ReceiptStatus
{
    /// <summary>The provider handed it on; we already know it is sent: nothing to do.</summary>
    Sent,
    Delivered,

    /// <summary>Read implies delivered.</summary>
    Read,
    Failed,

    /// <summary>A status we do not act on (a provider's informational kinds); ignored.</summary>
    Other
}

/// <summary>One status report of a provider about one message, as its format parser read it.</summary>
/// <param name="ReceiptId">Unique per provider and tenant; a receipt with a known id is a repeat.</param>
/// <param name="ProviderStatus">The status as the provider named it, kept for the record.</param>
public sealed record ProviderReceipt(
    string ReceiptId,
    string ProviderMessageId,
    ReceiptStatus Status,
    string ProviderStatus,
    string? ErrorCode,
    string? ErrorMessage,
    DateTimeOffset? OccurredAt);
