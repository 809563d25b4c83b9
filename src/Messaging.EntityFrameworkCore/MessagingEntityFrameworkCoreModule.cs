using System.Diagnostics.Metrics;
using Messaging.EntityFrameworkCore.DbMigrations;
using Messaging.EntityFrameworkCore.Diagnostics;
using Messaging.EntityFrameworkCore.EventBus;
using Messaging.EntityFrameworkCore.PostgreSql;
using Messaging.EntityFrameworkCore.Settings;
using Messaging.EntityFrameworkCore.Sqlite;
using Messaging.EntityFrameworkCore.SqlServer;
using Messaging.EventBus;
using Messaging.MultiTenancy;
using Messaging.Settings;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Messaging.EntityFrameworkCore;

/// <summary>
/// The shared context on the configured database, the unit of work, the outbox (with the configured database's bulk
/// writer for the modules' batch stores) and inbox, settings versions, the key ring and the seed.
/// </summary>
public static class MessagingEntityFrameworkCoreModule
{
    public static IServiceCollection AddMessagingEntityFrameworkCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICurrentTenant, AsyncLocalCurrentTenant>();
        var connectionString = new MessagingConnectionString(configuration);
        services.AddSingleton(connectionString);
        services.AddMetrics().AddLogging();
        var slowQueryThreshold = configuration.GetValue(QueryMonitor.SlowThresholdKey, TimeSpan.FromMilliseconds(100));
        services.TryAddSingleton(provider => new QueryMonitor(provider.GetRequiredService<IMeterFactory>(), slowQueryThreshold,
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<QueryMonitor>>()));
        services.TryAddSingleton<QueryMonitoringInterceptor>();
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

        services.AddScoped<IUnitOfWork, EfCoreUnitOfWork>();
        services.AddScoped<IOutboxWriter, EfCoreOutboxWriter>();
        services.AddScoped<IOutboxStore, EfCoreOutboxStore>();
        services.AddScoped<IParkedEventStore, EfCoreParkedEventStore>();
        services.AddScoped<IInboxStore, EfCoreInboxStore>();
        services.AddScoped(typeof(ISettingsVersionRepository<>), typeof(EfCoreSettingsVersionRepository<>));
        // The key ring lives in the database, so every instance protects and unprotects with the same keys.
        services.AddDataProtection().PersistKeysToDbContext<MessagingDbContext>();

        services.AddSingleton<MessagingDbMigrationService>();
        return services;
    }

    // Options are built once (optionsLifetime singleton): every request scope creates a context for its
    // repositories, and building options per scope showed up at several percent of the hot path's CPU.
    private static void AddSqlite(IServiceCollection services)
    {
        services.AddSingleton<SqlitePragmaInterceptor>();
        services.AddSingleton<IOutboxBulkWriter, SqliteOutboxBulkWriter>();
        services.AddDbContext<MessagingDbContext, SqliteMessagingDbContext>((provider, options) => options
            .UseSqlite(provider.GetRequiredService<MessagingConnectionString>().Value)
            .AddInterceptors(provider.GetRequiredService<SqlitePragmaInterceptor>(), provider.GetRequiredService<QueryMonitoringInterceptor>()), optionsLifetime: ServiceLifetime.Singleton);
    }

    private static void AddPostgreSql(IServiceCollection services, MessagingConnectionString connectionString)
    {
        // One pool for EF Core and the batch store, disposed with the container.
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString.Value));
        services.AddSingleton<IOutboxBulkWriter, PostgreSqlOutboxBulkWriter>();
        services.AddDbContext<MessagingDbContext, PostgreSqlMessagingDbContext>((provider, options) => options
            .UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>())
            .AddInterceptors(provider.GetRequiredService<QueryMonitoringInterceptor>()), optionsLifetime: ServiceLifetime.Singleton);
    }

    private static void AddSqlServer(IServiceCollection services)
    {
        services.AddSingleton<IOutboxBulkWriter, SqlServerOutboxBulkWriter>();
        services.AddDbContext<MessagingDbContext, SqlServerMessagingDbContext>((provider, options) => options
            .UseSqlServer(provider.GetRequiredService<MessagingConnectionString>().Value)
            .AddInterceptors(provider.GetRequiredService<QueryMonitoringInterceptor>()), optionsLifetime: ServiceLifetime.Singleton);
    }
}
