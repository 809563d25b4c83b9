using Messaging.Channel;
using Microsoft.EntityFrameworkCore;
using ChannelAggregate = Messaging.Channel.Channel;

namespace Messaging.EntityFrameworkCore.Channel;

public static class ChannelModelBuilderExtensions
{
    public static void ConfigureChannel(this ModelBuilder builder, MessagingDbContext context)
    {
        builder.Entity<ChannelAggregate>(channel =>
        {
            channel.ToTable(ChannelDbProperties.ChannelsTable);
            channel.HasKey(c => c.Id);
            channel.Property(c => c.Id).ValueGeneratedNever();
            channel.Property(c => c.Name).HasMaxLength(ChannelConsts.MaxNameLength).IsRequired();
            channel.Property(c => c.Description).HasMaxLength(ChannelConsts.MaxDescriptionLength);
            channel.PrimitiveCollection(c => c.Tags).HasField("_tags").UsePropertyAccessMode(PropertyAccessMode.Field);
            channel.Property(c => c.CreatedBy).HasMaxLength(ChannelConsts.MaxCreatedByLength);
            // Posts number their messages from this value: two posts racing on one channel cannot both commit the same number.
            channel.Property(c => c.LastSequence).IsConcurrencyToken();
            // The list's orders, within the tenant.
            channel.HasIndex(c => new { c.TenantId, c.CreatedAt });
            channel.HasIndex(c => new { c.TenantId, c.Name });
            channel.HasIndex(c => new { c.TenantId, c.LastMessageAt });
            channel.HasQueryFilter(c => c.TenantId == context.CurrentTenantId);
        });

        builder.Entity<ChannelMessage>(message =>
        {
            message.ToTable(ChannelDbProperties.MessagesTable);
            message.HasKey(m => m.Id);
            message.Property(m => m.Id).ValueGeneratedNever();
            message.Property(m => m.Content).HasMaxLength(ChannelConsts.MaxContentLength).IsRequired();
            message.Property(m => m.PostedBy).HasMaxLength(ChannelConsts.MaxCreatedByLength);
            // History pages, replay and the list's last message are ranges of this index.
            message.HasIndex(m => new { m.TenantId, m.ChannelId, m.Sequence }).IsUnique();
            // A delayed message becomes at most one channel message, whatever two workers do.
            message.HasIndex(m => m.DelayedMessageId).IsUnique().HasFilter($"{context.Delimit(nameof(ChannelMessage.DelayedMessageId))} IS NOT NULL");
            message.HasOne<ChannelAggregate>().WithMany().HasForeignKey(m => m.ChannelId).OnDelete(DeleteBehavior.Cascade);
            message.HasQueryFilter(m => m.TenantId == context.CurrentTenantId);
        });

        builder.Entity<DelayedMessage>(delayed =>
        {
            delayed.ToTable(ChannelDbProperties.DelayedMessagesTable);
            delayed.HasKey(d => d.Id);
            delayed.Property(d => d.Id).ValueGeneratedNever();
            delayed.Property(d => d.Content).HasMaxLength(ChannelConsts.MaxContentLength).IsRequired();
            delayed.Property(d => d.PostedBy).HasMaxLength(ChannelConsts.MaxCreatedByLength);
            // A cancel and a delivery racing on one message cannot both commit.
            delayed.Property(d => d.Status).HasConversion<string>().HasMaxLength(ChannelConsts.MaxStatusLength).IsConcurrencyToken();
            // Workers claim due messages across tenants in due order; the cleanup deletes finished ones by age.
            delayed.HasIndex(d => new { d.Status, d.DeliverAt });
            delayed.HasIndex(d => d.FinishedAt);
            delayed.HasIndex(d => d.ClaimToken);
            // A tenant lists one channel's delayed messages by status in due order.
            delayed.HasIndex(d => new { d.TenantId, d.ChannelId, d.Status, d.DeliverAt });
            delayed.HasQueryFilter(d => d.TenantId == context.CurrentTenantId);
        });

        builder.Entity<DelayedMessageQuota>(quota =>
        {
            quota.ToTable(ChannelDbProperties.DelayedQuotasTable);
            quota.HasKey(q => q.TenantId);
            quota.Property(q => q.TenantId).ValueGeneratedNever();
        });
    }
}
