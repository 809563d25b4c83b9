namespace Messaging.Messages.Callbacks;

/// <summary>
/// A status change a tenant's callback has not yet confirmed. Written in the transaction that handles the status
/// event, deleted once the post is answered 2xx, refused or given up: whatever the process does in between, the
/// database still knows what is owed.
/// </summary>
public sealed class PendingStatusCallback
{
    private PendingStatusCallback()
    {
    }

    public PendingStatusCallback(Guid eventId, Guid tenantId, Guid messageId, MessageStatus status, DateTime occurredAt, string? reason,
        string? failureCode, string? providerMessageId, DateTime dueAt)
    {
        Id = eventId;
        TenantId = tenantId;
        MessageId = messageId;
        Status = status;
        OccurredAt = occurredAt;
        Reason = reason;
        FailureCode = failureCode;
        ProviderMessageId = providerMessageId;
        DueAt = dueAt;
    }

    /// <summary>The status event's id, sent as the <c>Idempotency-Key</c> of every attempt.</summary>
    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid MessageId { get; private set; }

    public MessageStatus Status { get; private set; }

    public DateTime OccurredAt { get; private set; }

    public string? Reason { get; private set; }

    public string? FailureCode { get; private set; }

    public string? ProviderMessageId { get; private set; }

    /// <summary>Posts that were answered with a failure.</summary>
    public int FailedAttempts { get; private set; }

    public DateTime DueAt { get; private set; }

    public DateTime? ClaimedUntil { get; private set; }

    public Guid? ClaimToken { get; private set; }

    public string? LastError { get; private set; }

    public int NextAttempt => FailedAttempts + 1;
}
