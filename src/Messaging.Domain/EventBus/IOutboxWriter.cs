namespace Messaging.EventBus;

/// <summary>Adds outbox rows to the scope's unit of work; they commit with everything else in it.</summary>
public interface IOutboxWriter
{
    void Add(OutboxMessage message);
}
