using Messaging.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.CircuitBreaking;

/// <summary>Circuit state for operators: the metrics, the sampler that exports them and the host admin's app service.</summary>
public static class CircuitBreakingRegistration
{
    /// <param name="runsWorkers">Whether this instance runs the dispatchers, and so samples their circuits.</param>
    public static IServiceCollection AddCircuitBreaking(this IServiceCollection services, bool runsWorkers = true)
    {
        services.AddSingleton<CircuitMetrics>();
        services.AddSingleton<ICircuitMetrics>(provider => provider.GetRequiredService<CircuitMetrics>());
        services.AddScoped<ICircuitAppService, CircuitAppService>();
        services.AddPermissions(CircuitBreakingPermissions.All);
        if (runsWorkers)
        {
            // Where the dispatchers run; with Redis every instance would report the same circuits anyway.
            services.AddHostedService<CircuitStateSampler>();
        }

        return services;
    }
}
