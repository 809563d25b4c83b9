using Messaging.Messages.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Infrastructure.Messages.Providers.Webhook;

public static class WebhookRegistration
{
    /// <summary>Webhook recipients report back in the platform's own receipt format.</summary>
    public static IServiceCollection AddWebhook(this IServiceCollection services)
    {
        services.AddSingleton<IMessageSender, WebhookSender>();
        services.AddSingleton<IReceiptFormat>(new MessagingReceiptFormat(ProviderNames.Webhook));
        return services;
    }
}
