using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.MultiTenancy;

public static class MultiTenancyRegistration
{
    /// <summary>The tenant of the current request or job, carried along its async flow.</summary>
    public static IServiceCollection AddMultiTenancy(this IServiceCollection services)
    {
        services.TryAddSingleton<ICurrentTenant, AsyncLocalCurrentTenant>();
        return services;
    }
}
