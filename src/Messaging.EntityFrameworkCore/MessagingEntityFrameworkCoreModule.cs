using Messaging.EntityFrameworkCore.DbMigrations;
using Messaging.EntityFrameworkCore.EventBus;
using Messaging.EventBus;
using Messaging.EntityFrameworkCore.Messages;
using Messaging.EntityFrameworkCore.PostgreSql;
using Messaging.EntityFrameworkCore.Sqlite;
using Messaging.EntityFrameworkCore.SqlServer;
using Messaging.EntityFrameworkCore.TenantManagement;
using Messaging.Messages;
using Messaging.Messages.Feed;
using Messaging.Messages.Settings;
using Messaging.Messages.Delivery;
using Microsoft.AspNetCore.DataProtection;
using Messaging.Messages.Callbacks;
using Messaging.Messages.Receipts;
using Messaging.MultiTenancy;
using Messaging.TenantManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Messaging.EntityFrameworkCore;

public static class MessagingEntityFrameworkCoreModule
{
    public static IServiceCollection AddMessagingEntityFrameworkCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICurrentTenant, AsyncLocalCurrentTenant>();
        var connectionString = new MessagingConnectionString(configuration);
        services.AddSingleton(connectionString);
        switch (connectionString.Provider)
        {
            case DatabaseProvider.Sqlite:
                AddSqlite(services);
                break;
            case DatabaseProvider.PostgreSql:
                AddPostgreSql(services, connectionString);
                break;
            case DatabaseProvider.SqlServer:
                AddSqlServer(services);
                break;
            default:
                throw new InvalidOperationException($"No registration for the database provider {connectionString.Provider}.");
        }

        // The batch stores check text against the model's column lengths; the model is built once, from a throwaway context.
        services.AddSingleton(provider =>
        {
            using var scope = provider.CreateScope();
            return new BatchTextColumns(scope.ServiceProvider.GetRequiredService<MessagingDbContext>().Model);
        });
        services.AddScoped<IMessageRepository, EfCoreMessageRepository>();
        services.AddScoped<IMessageDispatchStore, EfCoreMessageDispatchStore>();
        services.AddScoped<IMessageFeedReader, EfCoreMessageFeedReader>();
        services.AddScoped<IHighThroughputSettingsRepository, EfCoreHighThroughputSettingsRepository>();
        services.AddScoped<ITenantRepository, EfCoreTenantRepository>();
        services.AddScoped<IUnitOfWork, EfCoreUnitOfWork>();
        services.AddScoped<IOutboxWriter, EfCoreOutboxWriter>();
        services.AddScoped<IOutboxStore, EfCoreOutboxStore>();
        services.AddScoped<IParkedEventStore, EfCoreParkedEventStore>();
        services.AddScoped<IInboxStore, EfCoreInboxStore>();
        services.AddScoped<IApiKeyRepository, EfCoreApiKeyRepository>();
        services.AddScoped<IProviderConfigurationRepository, EfCoreProviderConfigurationRepository>();
        services.AddScoped<ISandboxDeliveryRepository, EfCoreSandboxDeliveryRepository>();
        // The key ring lives in the database, so every instance protects and unprotects with the same keys.
        services.AddDataProtection().PersistKeysToDbContext<MessagingDbContext>();
        services.AddScoped<IProcessedReceiptRepository, EfCoreProcessedReceiptRepository>();
        services.AddScoped<IStatusCallbackRepository, EfCoreStatusCallbackRepository>();
        services.AddScoped<IPendingStatusCallbackStore, EfCorePendingStatusCallbackStore>();

        services.Configure<TenantSeedOptions>(configuration.GetSection(TenantSeedOptions.SectionName));
        // A demo tenant with a known key has no place in a production database; the embedded default is for trying out.
        services.PostConfigure<TenantSeedOptions>(seed => seed.DemoTenant ??= connectionString.Provider == DatabaseProvider.Sqlite);
        services.AddScoped<IDataSeedContributor, TenantManagementDataSeeder>();
        services.AddSingleton<MessagingDbMigrationService>();
        return services;
    }

    // Options are built once (optionsLifetime singleton): every request scope creates a context for its
    // repositories, and building options per scope showed up at several percent of the hot path's CPU.
    private static void AddSqlite(IServiceCollection services)
    {
        services.AddSingleton<SqlitePragmaInterceptor>();
        services.AddDbContext<MessagingDbContext, SqliteMessagingDbContext>((provider, options) => options
            .UseSqlite(provider.GetRequiredService<MessagingConnectionString>().Value)
            .AddInterceptors(provider.GetRequiredService<SqlitePragmaInterceptor>()), optionsLifetime: ServiceLifetime.Singleton);
        services.AddSingleton<IMessageBatchStore, SqliteMessageBatchStore>();
    }

    private static void AddPostgreSql(IServiceCollection services, MessagingConnectionString connectionString)
    {
        // One pool for EF Core and the batch store, disposed with the container.
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString.Value));
        services.AddDbContext<MessagingDbContext, PostgreSqlMessagingDbContext>((provider, options) => options
            .UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>()), optionsLifetime: ServiceLifetime.Singleton);
        services.AddSingleton<IMessageBatchStore, PostgreSqlMessageBatchStore>();
    }

    private static void AddSqlServer(IServiceCollection services)
    {
        services.AddDbContext<MessagingDbContext, SqlServerMessagingDbContext>((provider, options) => options
            .UseSqlServer(provider.GetRequiredService<MessagingConnectionString>().Value), optionsLifetime: ServiceLifetime.Singleton);
        services.AddSingleton<IMessageBatchStore, SqlServerMessageBatchStore>();
    }
}
