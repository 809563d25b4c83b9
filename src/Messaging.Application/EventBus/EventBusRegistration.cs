using Messaging.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.EventBus;

/// <summary>Events between modules and processes: the outbox, its relay, the dispatcher to handlers and parked events.</summary>
public static class EventBusRegistration
{
    /// <param name="runsWorkers">Whether this instance relays the outbox.</param>
    public static IServiceCollection AddEventBus(this IServiceCollection services, IConfiguration configuration, bool runsWorkers = true)
    {
        services.AddOptions<EventBusOptions>().Bind(configuration.GetSection(EventBusOptions.SectionName))
            .Validate(o => o.RetryBaseDelay > TimeSpan.Zero && o.RetryMaxDelay >= o.RetryBaseDelay,
                "EventBus: RetryBaseDelay must be positive and RetryMaxDelay at least as long, or a failing event is retried in a tight loop.")
            .ValidateOnStart();
        services.AddSingleton(new EventTypeRegistry([typeof(IntegrationEvent).Assembly]));
        services.AddSingleton<OutboxMessageFactory>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<EventDispatcher>();
        services.AddSingleton<IEventDispatcher>(provider => provider.GetRequiredService<EventDispatcher>());
        services.AddScoped<IDistributedEventBus, OutboxEventBus>();
        services.AddScoped<IParkedEventAppService, ParkedEventAppService>();
        services.AddPermissions(EventBusPermissions.All);
        if (runsWorkers)
        {
            services.AddHostedService<OutboxRelay>();
        }

        return services;
    }

    public static IServiceCollection AddDistributedEventHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : IntegrationEvent
        where THandler : class, IDistributedEventHandler<TEvent> =>
        services.AddScoped<IDistributedEventHandler<TEvent>, THandler>();
}
