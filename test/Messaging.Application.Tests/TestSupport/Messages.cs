using Messaging.Messages;

namespace Messaging.TestSupport;

public static class TestMessages
{
    public static Message Sms(Guid tenantId, string content = "hello", string? idempotencyKey = null,
        MessagePriority priority = MessagePriority.Normal) =>
        Message.Accept(tenantId, MessageChannel.Sms, "+14155550123", content, priority, null, idempotencyKey, DateTime.UtcNow);
}
