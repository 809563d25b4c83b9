using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.FlowControl;

/// <summary>Memory flow control: the monitor that samples memory and the state heavy requests are refused by.</summary>
public static class FlowControlRegistration
{
    public static IServiceCollection AddFlowControl(this IServiceCollection services)
    {
        services.TryAddSingleton<IMemoryProbe, ProcessMemoryProbe>();
        services.AddSingleton<FlowControlMetrics>();
        services.AddSingleton<MemoryFlowControl>();
        services.AddHostedService<MemoryMonitor>();
        return services;
    }
}
