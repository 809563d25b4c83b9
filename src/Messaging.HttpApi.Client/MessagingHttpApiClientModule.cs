using Messaging.EmailQueue;
using Messaging.Messages;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging;

public static class MessagingHttpApiClientModule
{
    /// <summary>
    /// Registers typed HTTP clients of a remote Messaging host for the app services an API client uses: messages, email
    /// events, their dead letters and suppressions.
    /// </summary>
    public static IServiceCollection AddMessagingHttpApiClient(this IServiceCollection services, Action<MessagingClientOptions> configure)
    {
        services.Configure(configure);
        services.AddHttpClient<IMessageAppService, MessageApiClient>();
        services.AddHttpClient<IEmailEventAppService, EmailEventApiClient>();
        services.AddHttpClient<IEmailDeadLetterAppService, EmailDeadLetterApiClient>();
        services.AddHttpClient<IEmailSuppressionAppService, EmailSuppressionApiClient>();
        return services;
    }
}
