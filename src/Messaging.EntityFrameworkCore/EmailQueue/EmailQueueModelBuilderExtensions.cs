using Messaging.EmailQueue;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.EmailQueue;

public static class EmailQueueModelBuilderExtensions
{
    public static void ConfigureEmailQueue(this ModelBuilder builder, MessagingDbContext context)
    {
        builder.Entity<EmailEvent>(emailEvent =>
        {
            emailEvent.ToTable(EmailQueueDbProperties.EventsTable);
            emailEvent.HasKey(e => e.Id);
            emailEvent.Property(e => e.Id).ValueGeneratedNever();
            emailEvent.Property(e => e.Type).HasConversion<string>().HasMaxLength(EmailQueueConsts.MaxEventTypeLength);
            // Changes commit only from the status they were made from, so two workers cannot both complete one event.
            emailEvent.Property(e => e.Status).HasConversion<string>().HasMaxLength(EmailQueueConsts.MaxStatusLength).IsConcurrencyToken();
            emailEvent.Property(e => e.Recipient).HasMaxLength(EmailQueueConsts.MaxAddressLength).IsRequired();
            emailEvent.Property(e => e.PayloadJson).IsRequired();
            emailEvent.Property(e => e.IdempotencyKey).HasMaxLength(EmailQueueConsts.MaxIdempotencyKeyLength);
            emailEvent.Property(e => e.RequestHash).HasMaxLength(64).IsRequired();
            emailEvent.Property(e => e.LastErrorClass).HasConversion<string>().HasMaxLength(EmailQueueConsts.MaxStatusLength);
            emailEvent.Property(e => e.LastReplyCode).HasMaxLength(EmailQueueConsts.MaxReplyCodeLength);
            emailEvent.Property(e => e.LastEnhancedCode).HasMaxLength(EmailQueueConsts.MaxReplyCodeLength);
            emailEvent.HasIndex(e => new { e.TenantId, e.IdempotencyKey })
                .IsUnique()
                .HasFilter($"{context.Delimit(nameof(EmailEvent.IdempotencyKey))} IS NOT NULL");
            // The delivery worker claims due events across tenants in due order.
            emailEvent.HasIndex(e => new { e.Status, e.DueAt });
            emailEvent.HasIndex(e => e.ClaimToken);
            emailEvent.HasIndex(e => new { e.TenantId, e.Status, e.CompletedAt });
            emailEvent.HasMany(e => e.Attempts).WithOne().HasForeignKey(a => a.EmailEventId).OnDelete(DeleteBehavior.Cascade);
            emailEvent.Navigation(e => e.Attempts).UsePropertyAccessMode(PropertyAccessMode.Field);
            emailEvent.HasQueryFilter(e => e.TenantId == context.CurrentTenantId);
        });

        builder.Entity<EmailAttempt>(attempt =>
        {
            attempt.ToTable(EmailQueueDbProperties.AttemptsTable);
            attempt.HasKey(a => a.Id);
            attempt.Property(a => a.Id).ValueGeneratedNever();
            attempt.Property(a => a.ErrorClass).HasConversion<string>().HasMaxLength(EmailQueueConsts.MaxStatusLength);
            attempt.Property(a => a.ReplyCode).HasMaxLength(EmailQueueConsts.MaxReplyCodeLength);
            attempt.Property(a => a.EnhancedCode).HasMaxLength(EmailQueueConsts.MaxReplyCodeLength);
            attempt.Property(a => a.ServerAnswer).HasMaxLength(EmailQueueConsts.MaxServerAnswerLength);
            attempt.HasIndex(a => a.EmailEventId);
            attempt.HasQueryFilter(a => a.TenantId == context.CurrentTenantId);
        });

        builder.Entity<EmailSuppression>(suppression =>
        {
            suppression.ToTable(EmailQueueDbProperties.SuppressionsTable);
            suppression.HasKey(s => new { s.TenantId, s.Address });
            suppression.Property(s => s.Address).HasMaxLength(EmailQueueConsts.MaxAddressLength);
            suppression.Property(s => s.Reason).HasMaxLength(EmailQueueConsts.MaxServerAnswerLength);
            suppression.HasQueryFilter(s => s.TenantId == context.CurrentTenantId);
        });

        builder.Entity<SmtpSettings>(smtp =>
        {
            smtp.ToTable(EmailQueueDbProperties.SmtpSettingsTable);
            smtp.HasKey(s => s.TenantId);
            smtp.Property(s => s.TenantId).ValueGeneratedNever();
            smtp.Property(s => s.Host).HasMaxLength(EmailQueueConsts.MaxHostLength).IsRequired();
            smtp.Property(s => s.TlsMode).HasConversion<string>().HasMaxLength(EmailQueueConsts.MaxStatusLength);
            smtp.Property(s => s.UserName).HasMaxLength(EmailQueueConsts.MaxSmtpUserNameLength);
            smtp.Property(s => s.ProtectedPassword).HasMaxLength(EmailQueueConsts.MaxProtectedSecretLength);
            smtp.Property(s => s.From).HasMaxLength(EmailQueueConsts.MaxAddressLength);
            smtp.HasQueryFilter(s => s.TenantId == context.CurrentTenantId);
        });

        builder.ConfigureInboundEmail(context);
        builder.ConfigureEmailQueueAudit(context);
        builder.ConfigureEmailTemplates(context);
    }

    private static void ConfigureEmailTemplates(this ModelBuilder builder, MessagingDbContext context)
    {
        builder.Entity<EmailTemplate>(template =>
        {
            template.ToTable(EmailQueueDbProperties.TemplatesTable);
            template.HasKey(t => t.Id);
            template.Property(t => t.Id).ValueGeneratedNever();
            template.Property(t => t.Type).HasConversion<string>().HasMaxLength(EmailQueueConsts.MaxEventTypeLength);
            template.Property(t => t.Revision).IsConcurrencyToken();
            template.HasIndex(t => new { t.TenantId, t.Type }).IsUnique();
            template.HasMany(t => t.Versions).WithOne().HasForeignKey(v => v.TemplateId).OnDelete(DeleteBehavior.Cascade);
            template.Navigation(t => t.Versions).UsePropertyAccessMode(PropertyAccessMode.Field);
            template.Ignore(t => t.Active);
            template.HasQueryFilter(t => t.TenantId == context.CurrentTenantId);
        });

        builder.Entity<EmailTemplateVersion>(version =>
        {
            version.ToTable(EmailQueueDbProperties.TemplateVersionsTable);
            version.HasKey(v => v.Id);
            version.Property(v => v.Id).ValueGeneratedNever();
            version.Property(v => v.Subject).HasMaxLength(EmailQueueConsts.MaxSubjectLength).IsRequired();
            version.Property(v => v.Text).IsRequired();
            version.Property(v => v.SavedByName).HasMaxLength(EmailQueueConsts.MaxNameLength);
            version.HasIndex(v => new { v.TemplateId, v.Number }).IsUnique();
            version.Ignore(v => v.Content);
            version.HasQueryFilter(v => v.TenantId == context.CurrentTenantId);
        });
    }

    private static void ConfigureEmailQueueAudit(this ModelBuilder builder, MessagingDbContext context) =>
        builder.Entity<EmailQueueAudit>(audit =>
        {
            audit.ToTable(EmailQueueDbProperties.AuditsTable);
            audit.HasKey(a => a.Id);
            audit.Property(a => a.Id).ValueGeneratedNever();
            audit.Property(a => a.Subject).HasMaxLength(EmailQueueConsts.MaxStatusLength).IsRequired();
            audit.Property(a => a.Change).HasConversion<string>().HasMaxLength(EmailQueueConsts.MaxStatusLength);
            audit.Property(a => a.ChangedByName).HasMaxLength(EmailQueueConsts.MaxNameLength);
            audit.HasIndex(a => new { a.TenantId, a.At });
            audit.HasQueryFilter(a => a.TenantId == context.CurrentTenantId);
        });
}
