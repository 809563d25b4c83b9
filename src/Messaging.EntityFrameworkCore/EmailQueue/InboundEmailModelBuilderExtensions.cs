using Messaging.EmailQueue;
using Messaging.EmailQueue.Inbound;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.EmailQueue;

/// <summary>The inbound webhooks' tables: workers, rules, answered emails, and phase 2's statistics.</summary>
public static class InboundEmailModelBuilderExtensions
{
    public static void ConfigureInboundEmail(this ModelBuilder builder, MessagingDbContext context)
    {
        builder.Entity<InboundWorker>(worker =>
        {
            worker.ToTable(EmailQueueDbProperties.InboundWorkersTable);
            worker.HasKey(w => w.Id);
            worker.Property(w => w.Id).ValueGeneratedNever();
            worker.Property(w => w.Name).HasMaxLength(InboundEmailConsts.MaxNameLength).IsRequired();
            worker.Property(w => w.ProtectedSecret).HasMaxLength(EmailQueueConsts.MaxProtectedSecretLength).IsRequired();
            worker.Property(w => w.DefaultAction).HasConversion<string>().HasMaxLength(EmailQueueConsts.MaxStatusLength);
            worker.Property(w => w.DefaultTarget).HasMaxLength(InboundEmailConsts.MaxTargetLength);
            worker.HasIndex(w => w.TenantId);
            worker.HasQueryFilter(w => w.TenantId == context.CurrentTenantId);
        });

        builder.Entity<EmailRule>(rule =>
        {
            rule.ToTable(EmailQueueDbProperties.RulesTable);
            rule.HasKey(r => r.Id);
            rule.Property(r => r.Id).ValueGeneratedNever();
            rule.Property(r => r.Kind).HasConversion<string>().HasMaxLength(EmailQueueConsts.MaxStatusLength);
            rule.Property(r => r.Name).HasMaxLength(InboundEmailConsts.MaxNameLength).IsRequired();
            rule.Property(r => r.Field).HasConversion<string>().HasMaxLength(EmailQueueConsts.MaxStatusLength);
            rule.Property(r => r.HeaderName).HasMaxLength(InboundEmailConsts.MaxHeaderNameLength);
            rule.Property(r => r.MatchType).HasConversion<string>().HasMaxLength(EmailQueueConsts.MaxStatusLength);
            rule.Property(r => r.Pattern).HasMaxLength(InboundEmailConsts.MaxSubjectLength).IsRequired();
            rule.Property(r => r.Action).HasConversion<string>().HasMaxLength(EmailQueueConsts.MaxStatusLength);
            rule.Property(r => r.Target).HasMaxLength(InboundEmailConsts.MaxTargetLength);
            // The cache loads a worker's rules with its tenant's.
            rule.HasIndex(r => new { r.TenantId, r.Kind });
            rule.HasQueryFilter(r => r.TenantId == context.CurrentTenantId);
        });

        builder.Entity<InboundEmail>(email =>
        {
            email.ToTable(EmailQueueDbProperties.InboundEmailsTable);
            email.HasKey(e => e.Id);
            email.Property(e => e.Id).ValueGeneratedNever();
            email.Property(e => e.WebhookId).HasMaxLength(InboundEmailConsts.MaxWebhookIdLength).IsRequired();
            email.Property(e => e.Sender).HasMaxLength(EmailQueueConsts.MaxAddressLength).IsRequired();
            email.Property(e => e.Recipient).HasMaxLength(EmailQueueConsts.MaxAddressLength).IsRequired();
            email.Property(e => e.Subject).HasMaxLength(InboundEmailConsts.MaxSubjectLength).IsRequired();
            email.Property(e => e.Action).HasConversion<string>().HasMaxLength(EmailQueueConsts.MaxStatusLength);
            email.Property(e => e.Target).HasMaxLength(InboundEmailConsts.MaxTargetLength);
            email.Ignore(e => e.Decision);
            // A repeated webhook-id finds the first answer.
            email.HasIndex(e => new { e.WorkerId, e.WebhookId }).IsUnique();
            email.HasIndex(e => new { e.ProcessedAt, e.ReceivedAt });
            email.HasIndex(e => e.ProcessedBatch);
            email.HasQueryFilter(e => e.TenantId == context.CurrentTenantId);
        });

        builder.Entity<InboundStats>(stats =>
        {
            stats.ToTable(EmailQueueDbProperties.InboundStatsTable);
            stats.HasKey(s => s.TenantId);
            stats.Property(s => s.TenantId).ValueGeneratedNever();
            stats.HasQueryFilter(s => s.TenantId == context.CurrentTenantId);
        });

        builder.Entity<InboundCampaignStat>(campaign =>
        {
            campaign.ToTable(EmailQueueDbProperties.InboundCampaignsTable);
            campaign.HasKey(c => new { c.TenantId, c.Key });
            campaign.Property(c => c.Key).HasMaxLength(InboundEmailConsts.KeyHashLength);
            campaign.Property(c => c.Sender).HasMaxLength(EmailQueueConsts.MaxAddressLength).IsRequired();
            campaign.Property(c => c.Subject).HasMaxLength(InboundEmailConsts.MaxSubjectLength).IsRequired();
            campaign.HasQueryFilter(c => c.TenantId == context.CurrentTenantId);
        });

        builder.Entity<InboundSubjectTrack>(subject =>
        {
            subject.ToTable(EmailQueueDbProperties.InboundSubjectsTable);
            subject.HasKey(s => new { s.TenantId, s.Key });
            subject.Property(s => s.Key).HasMaxLength(InboundEmailConsts.KeyHashLength);
            subject.Property(s => s.Subject).HasMaxLength(InboundEmailConsts.MaxSubjectLength).IsRequired();
            subject.HasQueryFilter(s => s.TenantId == context.CurrentTenantId);
        });
    }
}
