using Messaging.Infrastructure.Messages.Providers;
using Messaging.Messages.Callbacks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Infrastructure.Messages;

/// <summary>The Messages module's adapters: the delivery providers and the status-callback sender.</summary>
public static class MessagesInfrastructureModule
{
    public static IServiceCollection AddMessagesInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IStatusCallbackSender, HttpStatusCallbackSender>();
        services.AddMessageProviders(configuration);
        return services;
    }
}
