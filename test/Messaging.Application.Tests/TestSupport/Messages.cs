using Messaging.EventBus;
using Messaging.Messages;
using Messaging.Messages.Events;

namespace Messaging.TestSupport;

public static class TestMessages
{
    public static Message Sms(Guid tenantId, string content = "hello", string? idempotencyKey = null,
        MessagePriority priority = MessagePriority.Normal) =>
        Message.Accept(tenantId, MessageChannel.Sms, "+14155550123", content, priority, null, idempotencyKey, DateTime.UtcNow);

    private static readonly OutboxMessageFactory Outbox = new(new EventTypeRegistry([typeof(IntegrationEvent).Assembly]));

    public static OutboxMessage AcceptedEvent(Message message) =>
        Outbox.Create(new MessageAcceptedEto(message.Id, message.Channel, message.Priority, message.AcceptedAt) { TenantId = message.TenantId });
}
