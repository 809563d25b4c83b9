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

    public static Message Accept(Guid tenantId, MessageChannel channel, string recipient, string content,
        MessagePriority priority, string? metadataJson, string? idempotencyKey, DateTime acceptedAtUtc)
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
        var requestHash = MessageFingerprint.Compute(channel, recipient, content, priority, metadataJson);
        return new Message(Guid.CreateVersion7(new DateTimeOffset(acceptedAt, TimeSpan.Zero)), tenantId, channel, recipient, content, priority,
            metadataJson, idempotencyKey, requestHash, acceptedAt);
    }

    /// <summary>
    /// Hands the message to dispatch. Only an accepted message moves; a redelivered acceptance event finds it
    /// queued or further along and changes nothing.
    /// </summary>
    public bool MarkQueued(DateTime queuedAtUtc)
    {
        if (Status != MessageStatus.Accepted)
        {
            return false;
        }

        Status = MessageStatus.Queued;
        StatusChangedAt = queuedAtUtc;
        _history.Add(new MessageStatusChange(Guid.CreateVersion7(new DateTimeOffset(queuedAtUtc, TimeSpan.Zero)), Id, TenantId,
            MessageStatus.Queued, queuedAtUtc, null));
        return true;
    }

    /// <summary>True when a request carrying the same idempotency key asked for exactly this message.</summary>
    public bool IsSameRequestAs(Message other) => string.Equals(RequestHash, other.RequestHash, StringComparison.Ordinal);
}
