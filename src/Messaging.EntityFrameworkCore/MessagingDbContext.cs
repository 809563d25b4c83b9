using Messaging.EntityFrameworkCore.EventBus;
using Messaging.EntityFrameworkCore.Messages;
using Messaging.EventBus;
using Messaging.EntityFrameworkCore.TenantManagement;
using Messaging.Messages;
using Messaging.MultiTenancy;
using Messaging.TenantManagement;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore;

/// <summary>The one database of the monolith; each module adds its tables through its own Configure method.</summary>
public sealed class MessagingDbContext(DbContextOptions<MessagingDbContext> options, ICurrentTenant currentTenant) : DbContext(options)
{
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<MessageStatusChange> MessageStatusChanges => Set<MessageStatusChange>();
    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxRecord> InboxRecords => Set<InboxRecord>();

    /// <summary>Read by the tenant query filters each time a query runs.</summary>
    internal Guid? CurrentTenantId => currentTenant.Id;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ConfigureTenantManagement();
        builder.ConfigureMessages(this);
        builder.ConfigureEventBus();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
