using Messaging.Attachment;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.Attachment;

public static class AttachmentModelBuilderExtensions
{
    public static void ConfigureAttachment(this ModelBuilder builder, MessagingDbContext context)
    {
        builder.Entity<AttachmentJob>(job =>
        {
            job.ToTable(AttachmentDbProperties.JobsTable);
            job.HasKey(j => j.Id);
            job.Property(j => j.Id).ValueGeneratedNever();
            job.Property(j => j.FileName).HasMaxLength(AttachmentConsts.MaxFileNameLength).IsRequired();
            job.Property(j => j.UploaderName).HasMaxLength(AttachmentConsts.MaxActorNameLength);
            job.Property(j => j.ContentType).HasMaxLength(AttachmentConsts.MaxContentTypeLength).IsRequired();
            job.Property(j => j.Sha256).HasMaxLength(AttachmentConsts.Sha256HexLength).IsRequired();
            job.Property(j => j.StorageKey).HasMaxLength(AttachmentConsts.MaxStorageKeyLength).IsRequired();
            // Changes commit only from the status they were made from, so two workers cannot both finish one job.
            job.Property(j => j.Status).HasConversion<string>().HasMaxLength(AttachmentConsts.MaxStatusLength).IsConcurrencyToken();
            job.Property(j => j.ProcessorName).HasMaxLength(AttachmentConsts.MaxProcessorNameLength);
            job.Property(j => j.Error).HasMaxLength(AttachmentConsts.MaxErrorLength);
            job.Ignore(j => j.IsFinal);
            job.Ignore(j => j.ProcessingTime);
            // Workers claim due jobs across tenants, highest priority first, oldest first within it.
            job.HasIndex(j => new { j.Status, j.Priority, j.CreatedAt });
            job.HasIndex(j => j.ClaimToken);
            job.HasIndex(j => j.StorageKey).IsUnique();
            // The tenant's newest-first list, walked by keyset.
            job.HasIndex(j => new { j.TenantId, j.CreatedAt, j.Id }).IsDescending(false, true, true);
            job.HasQueryFilter(j => j.TenantId == context.CurrentTenantId);
        });

        builder.Entity<AttachmentTombstone>(tombstone =>
        {
            tombstone.ToTable(AttachmentDbProperties.TombstonesTable);
            tombstone.HasKey(t => t.AttachmentId);
            tombstone.Property(t => t.AttachmentId).ValueGeneratedNever();
            tombstone.Property(t => t.StorageKey).HasMaxLength(AttachmentConsts.MaxStorageKeyLength).IsRequired();
            tombstone.Property(t => t.LastError).HasMaxLength(AttachmentConsts.MaxErrorLength);
            tombstone.HasIndex(t => t.StorageKey);
            tombstone.HasQueryFilter(t => t.TenantId == context.CurrentTenantId);
        });

        builder.Entity<AttachmentAuditEntry>(entry =>
        {
            entry.ToTable(AttachmentDbProperties.AuditTable);
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Id).ValueGeneratedNever();
            entry.Property(e => e.Action).HasConversion<string>().HasMaxLength(AttachmentConsts.MaxStatusLength + 8);
            entry.Property(e => e.ActorName).HasMaxLength(AttachmentConsts.MaxActorNameLength);
            entry.Property(e => e.Detail).HasMaxLength(AttachmentConsts.MaxAuditDetailLength);
            entry.HasIndex(e => new { e.TenantId, e.At });
            entry.HasQueryFilter(e => e.TenantId == context.CurrentTenantId);
        });
    }
}
