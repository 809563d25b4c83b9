using Messaging.EventBus;

namespace Messaging.EntityFrameworkCore.EventBus;

public sealed class EfCoreOutboxWriter(MessagingDbContext db) : IOutboxWriter
{
    public void Add(OutboxMessage message) => db.OutboxMessages.Add(message);
}
