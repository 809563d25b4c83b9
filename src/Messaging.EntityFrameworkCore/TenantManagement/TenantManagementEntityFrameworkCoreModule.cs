using Messaging.EntityFrameworkCore.DbMigrations;
using Messaging.TenantManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.EntityFrameworkCore.TenantManagement;

/// <summary>The TenantManagement module's repositories on the shared context and its seed (the host admin key, the demo tenant).</summary>
public static class TenantManagementEntityFrameworkCoreModule
{
    public static IServiceCollection AddTenantManagementEntityFrameworkCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ITenantRepository, EfCoreTenantRepository>();
        services.AddScoped<IApiKeyRepository, EfCoreApiKeyRepository>();

        services.Configure<TenantSeedOptions>(configuration.GetSection(TenantSeedOptions.SectionName));
        // A demo tenant with a known key has no place in a production database; the embedded default is for trying out.
        services.PostConfigure<TenantSeedOptions>(seed => seed.DemoTenant ??= DatabaseProviderConfiguration.Read(configuration) == DatabaseProvider.Sqlite);
        services.AddScoped<IDataSeedContributor, TenantManagementDataSeeder>();
        return services;
    }
}
