using Messaging.EntityFrameworkCore.Settings;
using Messaging.Messages;
using Messaging.Messages.Settings;
using Messaging.Tracing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Messaging.EntityFrameworkCore.Messages;

public static class MessagesModelBuilderExtensions
{
    public static void ConfigureMessages(this ModelBuilder builder, MessagingDbContext context)
    {
        builder.Entity<Message>(message =>
        {
            message.ToTable(MessagesDbProperties.MessagesTable);
            message.HasKey(m => m.Id);
            message.Property(m => m.Id).ValueGeneratedNever();
            message.Property(m => m.Channel).HasConversion<string>().HasMaxLength(16);
            message.Property(m => m.Priority).HasConversion<string>().HasMaxLength(16);
            // A status change commits only if the status is still the one it was made from: two receipts (or a receipt
            // and a dispatcher) racing on one message cannot both move it.
            message.Property(m => m.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
            message.Property(m => m.Recipient).HasMaxLength(MessageConsts.MaxRecipientLength).IsRequired();
            message.Property(m => m.Content).IsRequired();
            message.Property(m => m.IdempotencyKey).HasMaxLength(MessageConsts.MaxIdempotencyKeyLength);
            message.Property(m => m.RequestHash).HasMaxLength(64).IsRequired();
            message.HasIndex(m => new { m.TenantId, m.IdempotencyKey })
                .IsUnique()
                .HasFilter($"{context.Delimit(nameof(Message.IdempotencyKey))} IS NOT NULL");
            ConfigureFeedIndexes(message);
            message.Property(m => m.ProviderName).HasMaxLength(MessageConsts.MaxProviderNameLength);
            message.Property(m => m.ProviderMessageId).HasMaxLength(MessageConsts.MaxProviderMessageIdLength);
            message.Property(m => m.FailureCode).HasMaxLength(MessageConsts.MaxFailureCodeLength);
            message.Property(m => m.TraceParent).HasMaxLength(TraceContext.MaxLength);
            message.Property<Guid?>(MessagesDbProperties.DispatchClaimToken);
            message.Property<DateTime?>(MessagesDbProperties.DispatchClaimedUntil);
            // Dispatchers claim by status in rank order; receipts find a message by the provider's id for it. That id is
            // unique only within one tenant's account at the provider: two tenants' providers may well use the same one.
            message.HasIndex(m => new { m.Status, m.DispatchRank });
            message.HasIndex(m => new { m.ProviderName, m.TenantId, m.ProviderMessageId })
                .IsUnique()
                .HasFilter($"{context.Delimit(nameof(Message.ProviderMessageId))} IS NOT NULL");
            message.HasMany(m => m.History).WithOne().HasForeignKey(change => change.MessageId).OnDelete(DeleteBehavior.Cascade);
            message.Navigation(m => m.History).UsePropertyAccessMode(PropertyAccessMode.Field);
            message.HasQueryFilter(m => m.TenantId == context.CurrentTenantId);
        });

        builder.Entity<MessageStatusChange>(change =>
        {
            change.ToTable(MessagesDbProperties.StatusChangesTable);
            change.HasKey(c => c.Id);
            change.Property(c => c.Id).ValueGeneratedNever();
            change.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
            change.Property(c => c.Reason).HasMaxLength(MessageConsts.MaxStatusReasonLength);
            change.HasIndex(c => c.MessageId);
            change.HasQueryFilter(c => c.TenantId == context.CurrentTenantId);
        });

        builder.ConfigureSettingsVersions<HighThroughputSettingsVersion>(MessagesDbProperties.SettingsVersionsTable);
        builder.ConfigureMessageProviders(context);
        builder.ConfigureReceiptsAndCallbacks(context);
    }

    /// <summary>
    /// The activity feed and its statistics read ranges of (TenantId, AcceptedAt, Id) in the feed's order; the status and
    /// recipient filters have their own, since a rare status or one recipient would otherwise mean reading the tenant's
    /// messages until enough match. Status and channel are carried in the feed's index where the provider can include
    /// columns, so statistics read only the index. Chosen by measurement: docs/benchmarks.md, "Activity feed".
    /// </summary>
    private static void ConfigureFeedIndexes(EntityTypeBuilder<Message> message)
    {
        var feed = message.HasIndex(m => new { m.TenantId, m.AcceptedAt, m.Id }).IsDescending(false, true, true);
        NpgsqlIndexBuilderExtensions.IncludeProperties(feed, m => new { m.Status, m.Channel });
        SqlServerIndexBuilderExtensions.IncludeProperties(feed, m => new { m.Status, m.Channel });
        message.HasIndex(m => new { m.TenantId, m.Status, m.AcceptedAt, m.Id }).IsDescending(false, false, true, true);
        message.HasIndex(m => new { m.TenantId, m.Recipient, m.AcceptedAt, m.Id }).IsDescending(false, false, true, true);
    }
}
