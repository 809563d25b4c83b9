using Messaging.Messages;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging;

public static class MessagingHttpApiClientModule
{
    /// <summary>Registers <see cref="IMessageAppService"/> as a typed HTTP client of a remote Messaging host.</summary>
    public static IServiceCollection AddMessagingHttpApiClient(this IServiceCollection services, Action<MessagingClientOptions> configure)
    {
        services.Configure(configure);
        services.AddHttpClient<IMessageAppService, MessageApiClient>();
        return services;
    }
}
