using Messaging.Authorization;
using Messaging.Caching;
using Messaging.MultiTenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.TenantManagement;

/// <summary>The TenantManagement module's application layer: tenants, API keys and the key cache's workers.</summary>
public static class TenantManagementApplicationModule
{
    /// <param name="acceptsRequests">Whether this instance answers API requests; only those authenticate keys and record their use.</param>
    public static IServiceCollection AddTenantManagementApplication(this IServiceCollection services, bool acceptsRequests = true)
    {
        if (acceptsRequests)
        {
            services.AddHostedService<ApiKeyUsageFlusher>();
            services.AddHostedService<ApiKeyEvictionListener>();
        }

        services.AddPermissions(TenantManagementPermissions.All);
        services.AddTenantCache();
        services.AddSingleton<ApiKeyUsageRecorder>();
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddScoped<ITenantAppService, TenantAppService>();
        services.AddScoped<ITenantStore, TenantStore>();
        services.AddScoped<IApiKeyAppService, ApiKeyAppService>();
        services.AddScoped<IHostApiKeyAppService, HostApiKeyAppService>();
        return services;
    }
}
