using Messaging.Messages;
using Messaging.Messages.Delivery;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.Messages;

public static class ProvidersModelBuilderExtensions
{
    public static void ConfigureMessageProviders(this ModelBuilder builder, MessagingDbContext context)
    {
        builder.Entity<ProviderConfiguration>(configuration =>
        {
            configuration.ToTable(MessagesDbProperties.ProviderConfigurationsTable);
            configuration.HasKey(c => c.Id);
            configuration.Property(c => c.Id).ValueGeneratedNever();
            configuration.Property(c => c.Channel).HasConversion<string>().HasMaxLength(16);
            configuration.Property(c => c.Provider).HasMaxLength(ProviderConfigurationConsts.MaxProviderLength).IsRequired();
            configuration.Property(c => c.BaseUrl).HasMaxLength(ProviderConfigurationConsts.MaxBaseUrlLength);
            configuration.Property(c => c.SenderId).HasMaxLength(ProviderConfigurationConsts.MaxSenderIdLength);
            configuration.Property(c => c.ProtectedCredential).HasMaxLength(ProviderConfigurationConsts.MaxProtectedLength);
            configuration.Property(c => c.ProtectedSigningSecret).HasMaxLength(ProviderConfigurationConsts.MaxProtectedLength);
            configuration.HasIndex(c => new { c.TenantId, c.Channel }).IsUnique();
            configuration.HasQueryFilter(c => c.TenantId == context.CurrentTenantId);
        });

        builder.Entity<SandboxDelivery>(delivery =>
        {
            delivery.ToTable(MessagesDbProperties.SandboxDeliveriesTable);
            delivery.HasKey(d => d.Id);
            delivery.Property(d => d.Id).ValueGeneratedNever();
            delivery.Property(d => d.Channel).HasConversion<string>().HasMaxLength(16);
            delivery.Property(d => d.Recipient).HasMaxLength(MessageConsts.MaxRecipientLength).IsRequired();
            delivery.Property(d => d.Content).IsRequired();
            // One record per message, whatever the retries: the sandbox is idempotent by message id.
            delivery.HasIndex(d => d.MessageId).IsUnique();
            delivery.HasIndex(d => new { d.TenantId, d.RecordedAt });
            delivery.HasQueryFilter(d => d.TenantId == context.CurrentTenantId);
        });
    }
}
