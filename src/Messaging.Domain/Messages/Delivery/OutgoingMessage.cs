namespace Messaging.Messages.Delivery;

/// <summary>
/// One message as a provider sender sees it. <see cref="MessageId"/> doubles as the idempotency key a sender passes to
/// its provider, so a send repeated after a crash is recognised there instead of delivered twice.
/// </summary>
public sealed record OutgoingMessage(
    Guid MessageId,
    Guid TenantId,
    MessageChannel Channel,
    string Recipient,
    string Content,
    string? MetadataJson,
    int Attempt);
