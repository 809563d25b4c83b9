using Messaging.EventBus;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.EventBus;

public static class EventBusModelBuilderExtensions
{
    public static void ConfigureEventBus(this ModelBuilder builder)
    {
        builder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable(EventBusDbProperties.OutboxTable);
            outbox.HasKey(o => o.Id);
            outbox.Property(o => o.Id).ValueGeneratedNever();
            outbox.Property(o => o.EventName).HasMaxLength(128).IsRequired();
            outbox.Property(o => o.Payload).IsRequired();
            outbox.Property(o => o.CorrelationId).HasMaxLength(64);
            outbox.Property(o => o.TraceParent).HasMaxLength(128);
            outbox.Property(o => o.LastError).HasMaxLength(2000);
            outbox.HasIndex(o => new { o.SentAt, o.DeadLetteredAt, o.CreatedAt });
        });

        builder.Entity<InboxRecord>(inbox =>
        {
            inbox.ToTable(EventBusDbProperties.InboxTable);
            inbox.HasKey(i => new { i.EventId, i.HandlerName });
            inbox.Property(i => i.HandlerName).HasMaxLength(256);
        });
    }
}
