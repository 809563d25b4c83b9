namespace Messaging.EventBus;

/// <summary>Proof that one handler had its effect for one event; its key (event id, handler) is unique.</summary>
public sealed class InboxRecord
{
    private InboxRecord()
    {
        HandlerName = null!;
    }

    public InboxRecord(Guid eventId, string handlerName, DateTime processedAt)
    {
        EventId = eventId;
        HandlerName = handlerName;
        ProcessedAt = processedAt;
    }

    public Guid EventId { get; private set; }
    public string HandlerName { get; private set; }
    public DateTime ProcessedAt { get; private set; }
}
