using Messaging.Messages;
using Messaging.Messages.Callbacks;
using Messaging.Messages.Receipts;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.Messages;

public static class ReceiptsAndCallbacksModelBuilderExtensions
{
    public const string ProcessedReceiptsTable = MessagesDbProperties.DbTablePrefix + "ProcessedReceipts";
    public const string StatusCallbacksTable = MessagesDbProperties.DbTablePrefix + "StatusCallbacks";
    public const string PendingStatusCallbacksTable = MessagesDbProperties.DbTablePrefix + "PendingStatusCallbacks";

    public static void ConfigureReceiptsAndCallbacks(this ModelBuilder builder, MessagingDbContext context)
    {
        builder.Entity<ProcessedReceipt>(receipt =>
        {
            receipt.ToTable(ProcessedReceiptsTable);
            receipt.HasKey(r => r.Id);
            receipt.Property(r => r.Id).ValueGeneratedNever();
            receipt.Property(r => r.Provider).HasMaxLength(MessageConsts.MaxProviderNameLength).IsRequired();
            receipt.Property(r => r.ReceiptId).HasMaxLength(ReceiptConsts.MaxReceiptIdLength).IsRequired();
            receipt.Property(r => r.ProviderStatus).HasMaxLength(ReceiptConsts.MaxProviderStatusLength).IsRequired();
            // Per tenant: two tenants' gateways may number their receipts alike.
            receipt.HasIndex(r => new { r.TenantId, r.Provider, r.ReceiptId }).IsUnique();
            receipt.HasIndex(r => r.ProcessedAt);
            receipt.HasQueryFilter(r => r.TenantId == context.CurrentTenantId);
        });

        builder.Entity<StatusCallback>(callback =>
        {
            callback.ToTable(StatusCallbacksTable);
            callback.HasKey(c => c.TenantId);
            callback.Property(c => c.TenantId).ValueGeneratedNever();
            callback.Property(c => c.Url).HasMaxLength(StatusCallbackConsts.MaxUrlLength).IsRequired();
            callback.Property(c => c.ProtectedSecret).HasMaxLength(StatusCallbackConsts.MaxProtectedSecretLength).IsRequired();
            callback.HasQueryFilter(c => c.TenantId == context.CurrentTenantId);
        });

        // Read across tenants by the delivery worker only, which posts each callback in its own tenant.
        builder.Entity<PendingStatusCallback>(pending =>
        {
            pending.ToTable(PendingStatusCallbacksTable);
            pending.HasKey(p => p.Id);
            pending.Property(p => p.Id).ValueGeneratedNever();
            pending.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
            pending.Property(p => p.Reason).HasMaxLength(MessageConsts.MaxStatusReasonLength);
            pending.Property(p => p.FailureCode).HasMaxLength(MessageConsts.MaxFailureCodeLength);
            pending.Property(p => p.ProviderMessageId).HasMaxLength(MessageConsts.MaxProviderMessageIdLength);
            pending.Property(p => p.LastError).HasMaxLength(EfCorePendingStatusCallbackStore.MaxErrorLength);
            pending.Ignore(p => p.NextAttempt);
            pending.HasIndex(p => p.DueAt);
            pending.HasIndex(p => p.ClaimToken);
        });
    }
}
