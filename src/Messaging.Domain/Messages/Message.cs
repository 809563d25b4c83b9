using Messaging.Security;
using Messaging.Tracing;

namespace Messaging.Messages;

/// <summary>
/// A one-way message a tenant asked us to deliver. Its id is the tracking id handed to the caller:
/// a UUIDv7, so ids sort by acceptance time while their 74 random bits keep them unguessable.
/// </summary>
public sealed class Message
{
    private readonly List<MessageStatusChange> _history = [];

    private Message()
    {
        Recipient = null!;
        Content = null!;
        RequestHash = null!;
    }

    private Message(Guid id, Guid tenantId, MessageChannel channel, string recipient, string content,
        MessagePriority priority, string? metadataJson, string? idempotencyKey, string requestHash, DateTime acceptedAt)
    {
        Id = id;
        TenantId = tenantId;
        Channel = channel;
        Recipient = recipient;
        Content = content;
        Priority = priority;
        MetadataJson = metadataJson;
        IdempotencyKey = idempotencyKey;
        RequestHash = requestHash;
        AcceptedAt = acceptedAt;
        Status = MessageStatus.Accepted;
        StatusChangedAt = acceptedAt;
        _history.Add(new MessageStatusChange(Guid.CreateVersion7(new DateTimeOffset(acceptedAt, TimeSpan.Zero)), id, tenantId, MessageStatus.Accepted, acceptedAt, null));
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public MessageChannel Channel { get; private set; }
    public string Recipient { get; private set; }
    public string Content { get; private set; }
    public MessagePriority Priority { get; private set; }
    public string? MetadataJson { get; private set; }

    /// <summary>Client-chosen key that makes retries safe; cleared once it expires so the key can be reused.</summary>
    public string? IdempotencyKey { get; private set; }

    /// <summary>Fingerprint of the request body, to tell a genuine retry from a reused key.</summary>
    public string RequestHash { get; private set; }

    public DateTime AcceptedAt { get; private set; }
    public MessageStatus Status { get; private set; }
    public DateTime StatusChangedAt { get; private set; }

    public IReadOnlyList<MessageStatusChange> History => _history;

    /// <param name="requestHash">
    /// The fingerprint a retry must match; by default the message's own. A message sent as part of a larger request
    /// carries a fingerprint of that whole request, so reusing its key for any other request is told apart.
    /// </param>
    public static Message Accept(Guid tenantId, MessageChannel channel, string recipient, string content,
        MessagePriority priority, string? metadataJson, string? idempotencyKey, DateTime acceptedAtUtc, string? requestHash = null)
    {
        if (tenantId == Guid.Empty)
        {
            throw new ArgumentException("A message always belongs to a tenant.", nameof(tenantId));
        }

        if (acceptedAtUtc.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("Acceptance time is kept in UTC.", nameof(acceptedAtUtc));
        }

        // Kept to the microsecond, the finest PostgreSQL stores, so the time a caller is told equals the time read back later.
        var acceptedAt = acceptedAtUtc.AddTicks(-(acceptedAtUtc.Ticks % TimeSpan.TicksPerMicrosecond));
        return new Message(Guid.CreateVersion7(new DateTimeOffset(acceptedAt, TimeSpan.Zero)), tenantId, channel, recipient, content, priority,
            metadataJson, idempotencyKey, requestHash ?? MessageFingerprint.Compute(channel, recipient, content, priority, metadataJson), acceptedAt);
    }

    /// <summary>The provider that took the message, once sent.</summary>
    public string? ProviderName { get; private set; }

    /// <summary>The provider's id for the message: receipts find the message by it, and a message that has one is never sent again.</summary>
    public string? ProviderMessageId { get; private set; }

    /// <summary>How many times dispatch has called a provider for this message.</summary>
    public int DispatchAttempts { get; private set; }

    /// <summary>
    /// The order in which queued messages are dispatched: the time it was queued, moved earlier by its priority's head
    /// start (see <see cref="DispatchOrder"/>). Set when queued and kept across retries, so a retried message keeps its place.
    /// </summary>
    public DateTime? DispatchRank { get; private set; }

    /// <summary>While queued: not to be dispatched before this (a retry's backoff, a provider's Retry-After, an open circuit).</summary>
    public DateTime? NextAttemptAt { get; private set; }

    /// <summary>Why the message failed, in the provider's terms when it was the provider's answer.</summary>
    public string? FailureCode { get; private set; }

    /// <summary>
    /// The W3C trace context of the step that queued it, so each dispatch of it continues the trace of its request
    /// (<see cref="TraceContext"/>); null when nothing was traced.
    /// </summary>
    public string? TraceParent { get; private set; }

    /// <summary>
    /// Hands the message to dispatch. Only an accepted message moves; a redelivered acceptance event finds it
    /// queued or further along and changes nothing.
    /// </summary>
    public bool MarkQueued(DateTime queuedAtUtc, DateTime dispatchRank, string? reason = null, string? traceParent = null)
    {
        if (Status != MessageStatus.Accepted)
        {
            return false;
        }

        DispatchRank = dispatchRank;
        TraceParent = traceParent is { Length: <= TraceContext.MaxLength } ? traceParent : null;
        MoveTo(MessageStatus.Queued, queuedAtUtc, reason);
        return true;
    }

    /// <summary>A dispatcher is about to call the provider for it.</summary>
    public bool MarkSending(DateTime atUtc)
    {
        if (Status is not (MessageStatus.Queued or MessageStatus.Sending))
        {
            return false;
        }

        DispatchAttempts++;
        NextAttemptAt = null;
        MoveTo(MessageStatus.Sending, atUtc, $"attempt {DispatchAttempts}");
        return true;
    }

    /// <summary>
    /// Not now: keeps a queued message where it is, to be looked at again at <paramref name="notBeforeUtc"/> (an open
    /// circuit, no provider yet). No attempt is counted and no history written, because nothing happened to it.
    /// </summary>
    public bool Defer(DateTime notBeforeUtc)
    {
        if (Status != MessageStatus.Queued)
        {
            return false;
        }

        NextAttemptAt = notBeforeUtc;
        return true;
    }

    /// <summary>
    /// Another module took the queued message to deliver it (the email queue takes the Email channel): from here it is as
    /// good as with a provider, so Sending, and no longer cancellable. Its end comes from that module.
    /// </summary>
    public bool MarkHandedOver(DateTime atUtc, string deliveredBy)
    {
        if (Status != MessageStatus.Queued)
        {
            return false;
        }

        DispatchAttempts++;
        NextAttemptAt = null;
        MoveTo(MessageStatus.Sending, atUtc, $"handed to {deliveredBy}");
        return true;
    }

    /// <summary>
    /// The provider took it. The provider's id is stored in the same write, so a restart never sends it again. An id
    /// that cannot be stored as given (too long, control characters), or none, leaves the message Sent without one.
    /// </summary>
    public bool MarkSent(string providerName, string? providerMessageId, DateTime atUtc)
    {
        if (Status != MessageStatus.Sending)
        {
            return false;
        }

        ProviderName = providerName;
        ProviderMessageId = ForeignText.AsIdentifier(providerMessageId, MessageConsts.MaxProviderMessageIdLength);
        MoveTo(MessageStatus.Sent, atUtc, ProviderMessageId is null && providerMessageId is not null
            ? $"via {providerName}; its id for the message could not be stored: {ForeignText.Bound(providerMessageId, 64)}"
            : $"via {providerName}");
        return true;
    }

    /// <summary>Back to the queue after an attempt that may succeed later (a transient error, throttling).</summary>
    public bool Requeue(DateTime atUtc, DateTime notBeforeUtc, string reason)
    {
        if (Status != MessageStatus.Sending)
        {
            return false;
        }

        NextAttemptAt = notBeforeUtc;
        MoveTo(MessageStatus.Queued, atUtc, reason);
        return true;
    }

    /// <summary>The provider confirmed delivery to the recipient. Only a sent message can be delivered.</summary>
    public bool MarkDelivered(DateTime atUtc, string? reason = null)
    {
        if (Status != MessageStatus.Sent)
        {
            return false;
        }

        MoveTo(MessageStatus.Delivered, atUtc, reason);
        return true;
    }

    /// <summary>
    /// The message will not be delivered: a permanent provider error, attempts exhausted, or a failure receipt after it
    /// was sent. Delivered, Failed and Cancelled are final.
    /// </summary>
    public bool MarkFailed(DateTime atUtc, string failureCode, string reason)
    {
        if (Status is MessageStatus.Delivered or MessageStatus.Failed or MessageStatus.Cancelled)
        {
            return false;
        }

        FailureCode = ForeignText.Bound(failureCode, MessageConsts.MaxFailureCodeLength);
        NextAttemptAt = null;
        MoveTo(MessageStatus.Failed, atUtc, reason);
        return true;
    }

    /// <summary>True while no provider can have heard of the message: it may still be cancelled.</summary>
    public bool IsCancellable => Status is MessageStatus.Accepted or MessageStatus.Queued;

    /// <summary>
    /// The tenant withdrew the message before dispatch recorded Sending. Once Sending, a provider may already have it, so
    /// it is too late; the database's check of the status it was read with decides a race with a dispatcher.
    /// </summary>
    public bool Cancel(DateTime atUtc)
    {
        if (!IsCancellable)
        {
            return false;
        }

        NextAttemptAt = null;
        MoveTo(MessageStatus.Cancelled, atUtc, "cancelled by the tenant");
        return true;
    }

    private void MoveTo(MessageStatus status, DateTime atUtc, string? reason)
    {
        if (atUtc.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("Status times are kept in UTC.", nameof(atUtc));
        }

        Status = status;
        StatusChangedAt = atUtc;
        _history.Add(new MessageStatusChange(Guid.CreateVersion7(new DateTimeOffset(atUtc, TimeSpan.Zero)), Id, TenantId, status, atUtc,
            ForeignText.Bound(reason, MessageConsts.MaxStatusReasonLength)));
    }

    /// <summary>True when the request stored under the same idempotency key asked for exactly this message: a retry, not a reuse.</summary>
    public bool IsRetryOf(string storedRequestHash) => string.Equals(RequestHash, storedRequestHash, StringComparison.Ordinal);
}
