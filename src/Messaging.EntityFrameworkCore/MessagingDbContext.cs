using Messaging.EntityFrameworkCore.Attachment;
using Messaging.EntityFrameworkCore.Channel;
using Messaging.EntityFrameworkCore.EmailQueue;
using Messaging.EntityFrameworkCore.EventBus;
using Messaging.EntityFrameworkCore.Identity;
using Messaging.EntityFrameworkCore.Messages;
using Messaging.EntityFrameworkCore.TenantManagement;
using Messaging.EventBus;
using Messaging.Messages;
using Messaging.Messages.Delivery;
using Messaging.Messages.Settings;
using Messaging.MultiTenancy;
using Messaging.TenantManagement;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Messaging.EntityFrameworkCore;

/// <summary>
/// The one database of the monolith; each module adds its tables through its own Configure method.
/// Abstract because every provider has a context of its own (<c>SqliteMessagingDbContext</c>, ...): EF Core keys
/// migrations and model snapshots by context type, and each provider needs its own. Code asks for this type and
/// gets the configured provider's.
/// </summary>
public abstract class MessagingDbContext(DbContextOptions options, ICurrentTenant currentTenant) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<MessageStatusChange> MessageStatusChanges => Set<MessageStatusChange>();
    public DbSet<HighThroughputSettingsVersion> HighThroughputSettingsVersions => Set<HighThroughputSettingsVersion>();
    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxRecord> InboxRecords => Set<InboxRecord>();
    public DbSet<ProviderConfiguration> ProviderConfigurations => Set<ProviderConfiguration>();
    public DbSet<SandboxDelivery> SandboxDeliveries => Set<SandboxDelivery>();

    /// <summary>The Data Protection key ring, shared by every instance so any of them can read secrets another protected.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Read by the tenant query filters each time a query runs.</summary>
    internal Guid? CurrentTenantId => currentTenant.Id;

    /// <summary>A column name quoted the way this provider's SQL needs it, for the raw SQL in the model (index filters).</summary>
    internal string Delimit(string identifier) => this.GetService<ISqlGenerationHelper>().DelimitIdentifier(identifier);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ConfigureTenantManagement();
        builder.ConfigureIdentity(this);
        builder.ConfigureMessages(this);
        builder.ConfigureEmailQueue(this);
        builder.ConfigureAttachment(this);
        builder.ConfigureChannel(this);
        builder.ConfigureEventBus();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
