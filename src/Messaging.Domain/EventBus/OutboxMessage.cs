namespace Messaging.EventBus;

/// <summary>An event waiting to be relayed; written in the same transaction as the change that raised it.</summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
        EventName = null!;
        Payload = null!;
    }

    public OutboxMessage(Guid id, string eventName, string payload, Guid? tenantId, string? correlationId, string? traceParent, DateTime createdAt)
    {
        Id = id;
        EventName = eventName;
        Payload = payload;
        TenantId = tenantId;
        CorrelationId = correlationId;
        TraceParent = traceParent;
        CreatedAt = createdAt;
    }

    /// <summary>
    /// The event as it travels from a step other than the one that raised it (the relay's publish): the same event with
    /// that step's trace context, which its consumers continue. Only what a transport carries is copied.
    /// </summary>
    public OutboxMessage ContinuedIn(string? traceParent) => new(Id, EventName, Payload, TenantId, CorrelationId, traceParent, CreatedAt);

    /// <summary>The event id; consumers' inboxes key on it.</summary>
    public Guid Id { get; private set; }

    public string EventName { get; private set; }
    public string Payload { get; private set; }
    public Guid? TenantId { get; private set; }
    public string? CorrelationId { get; private set; }
    public string? TraceParent { get; private set; }
    public DateTime CreatedAt { get; private set; }

    /// <summary>Set only once the transport confirmed the event.</summary>
    public DateTime? SentAt { get; private set; }

    /// <summary>Relay attempts that failed; each one doubles the pause before the next (<see cref="NextAttemptAt"/>).</summary>
    public int FailedAttempts { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>After a failed attempt, the relay leaves the event alone until then.</summary>
    public DateTime? NextAttemptAt { get; private set; }

    /// <summary>Set when the event can never be delivered (unknown type, unreadable payload); the host admin can replay it.</summary>
    public DateTime? DeadLetteredAt { get; private set; }

    /// <summary>A relay that claimed the event holds it until then; another relay may take it over afterwards.</summary>
    public DateTime? ClaimedUntil { get; private set; }

    /// <summary>Which claim holds the event, so a relay reads back exactly the rows its own claim took.</summary>
    public Guid? ClaimToken { get; private set; }
}
