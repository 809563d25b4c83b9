using Messaging.Messages.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Infrastructure.Messages.Providers.WhatsApp;

public static class WhatsAppRegistration
{
    public static IServiceCollection AddWhatsApp(this IServiceCollection services)
    {
        services.AddSingleton<IMessageSender, WhatsAppCloudApiSender>();
        services.AddSingleton<IReceiptFormat, WhatsAppReceiptFormat>();
        return services;
    }
}
