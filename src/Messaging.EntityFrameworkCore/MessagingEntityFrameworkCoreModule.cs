using Messaging.EntityFrameworkCore.DbMigrations;
using Messaging.EntityFrameworkCore.EventBus;
using Messaging.EventBus;
using Messaging.EntityFrameworkCore.Messages;
using Messaging.EntityFrameworkCore.Sqlite;
using Messaging.EntityFrameworkCore.TenantManagement;
using Messaging.Messages;
using Messaging.MultiTenancy;
using Messaging.TenantManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.EntityFrameworkCore;

public static class MessagingEntityFrameworkCoreModule
{
    public static IServiceCollection AddMessagingEntityFrameworkCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICurrentTenant, AsyncLocalCurrentTenant>();
        services.AddSingleton<MessagingConnectionString>();
        services.AddSingleton<SqlitePragmaInterceptor>();
        services.AddDbContext<MessagingDbContext>((provider, options) => options
            .UseSqlite(provider.GetRequiredService<MessagingConnectionString>().Value,
                sqlite => sqlite.MigrationsHistoryTable("__EFMigrationsHistory"))
            .AddInterceptors(provider.GetRequiredService<SqlitePragmaInterceptor>()));

        services.AddScoped<IMessageRepository, EfCoreMessageRepository>();
        services.AddSingleton<IMessageBatchStore, SqliteMessageBatchStore>();
        services.AddScoped<ITenantRepository, EfCoreTenantRepository>();
        services.AddScoped<IUnitOfWork, EfCoreUnitOfWork>();
        services.AddScoped<IOutboxWriter, EfCoreOutboxWriter>();
        services.AddScoped<IOutboxStore, EfCoreOutboxStore>();
        services.AddScoped<IInboxStore, EfCoreInboxStore>();
        services.AddScoped<IApiKeyRepository, EfCoreApiKeyRepository>();

        services.Configure<SeedOptions>(configuration.GetSection(SeedOptions.SectionName));
        services.AddScoped<MessagingDataSeeder>();
        services.AddSingleton<MessagingDbMigrationService>();
        return services;
    }
}
