using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.ServerSentEvents;

/// <summary>The one SSE hub, for every module that streams (channels, attachment progress, the dashboard); registered once.</summary>
public static class ServerSentEventsRegistration
{
    public static IServiceCollection AddServerSentEvents(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(service => service.ServiceType == typeof(ServerSentEventHub)))
        {
            return services;
        }

        services.AddOptions<ServerSentEventOptions>().Bind(configuration.GetSection(ServerSentEventOptions.SectionName))
            .Validate(o => o.IsValid, "ServerSentEvents: limits and sizes must be at least 1, durations positive, StaleAfter longer than HeartbeatInterval, ReconnectMax at least ReconnectMin.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SseConnectionRegistry>();
        services.AddSingleton<SseHistory>();
        services.AddSingleton<SseMetrics>();
        services.AddSingleton<ServerSentEventHub>();
        services.AddSingleton<IServerSentEventPublisher>(provider => provider.GetRequiredService<ServerSentEventHub>());
        services.AddHostedService<ServerSentEventService>();
        return services;
    }
}
