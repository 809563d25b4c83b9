using Microsoft.Extensions.DependencyInjection;

namespace Messaging.RateLimiting;

/// <summary>Per-tenant rate limits: the policy that picks a tenant's limits and the metrics of what was refused.</summary>
public static class RateLimitingRegistration
{
    public static IServiceCollection AddRateLimiting(this IServiceCollection services)
    {
        services.AddSingleton<TenantRateLimitPolicy>();
        services.AddSingleton<RateLimitMetrics>();
        return services;
    }
}
