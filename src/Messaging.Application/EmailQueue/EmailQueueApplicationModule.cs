using Messaging.EmailQueue.EventHandlers;
using Messaging.EmailQueue.Events;
using Messaging.EventBus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.EmailQueue;

/// <summary>The EmailQueue module's application layer: publishing, the status read and the handler that queues events.</summary>
public static class EmailQueueApplicationModule
{
    public static IServiceCollection AddEmailQueueApplication(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<EmailQueueMetrics>();
        services.AddSingleton<EmailQueueSignal>();
        services.AddScoped<EmailEventPublishing>();
        services.AddScoped<IEmailEventPublisher, EmailEventPublisher>();
        services.AddScoped<IEmailEventAppService, EmailEventAppService>();
        services.AddDistributedEventHandler<EmailEventAcceptedEto, QueueEmailEventHandler>();
        return services;
    }
}
