using Messaging.CircuitBreaking;

namespace Messaging.Messages;

public static class MessageConsts
{
    public const int MaxRecipientLength = 320;
    public const int MaxIdempotencyKeyLength = Idempotency.IdempotencyKey.MaxLength;
    public const int MaxMetadataEntries = 16;
    public const int MaxMetadataKeyLength = 64;
    public const int MaxMetadataValueLength = 512;
    public const int MaxStatusReasonLength = 512;
    // Every provider has a circuit of its own, so its name must fit a circuit's key.
    public const int MaxProviderNameLength = CircuitConsts.MaxNameLength;
    public const int MaxProviderMessageIdLength = 128;
    public const int MaxFailureCodeLength = 64;

    /// <summary>Requests larger than this are refused with 413 before any parsing work.</summary>
    public const int MaxRequestBodyBytes = 512 * 1024;

    /// <summary>The most messages one send-many request may carry.</summary>
    public const int MaxSendManyItems = 1_000;

    /// <summary>
    /// About 8 KiB per message of a full batch (a full-length WhatsApp text with some metadata); a larger body gets 413,
    /// and is best split into smaller batches.
    /// </summary>
    public const int MaxSendManyRequestBodyBytes = 8 * 1024 * 1024;

    public static int MaxContentLength(MessageChannel channel) => channel switch
    {
        MessageChannel.Sms => 1_600,
        MessageChannel.WhatsApp => 4_096,
        MessageChannel.Email => 262_144,
        MessageChannel.Webhook => 65_536,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, null)
    };
}
