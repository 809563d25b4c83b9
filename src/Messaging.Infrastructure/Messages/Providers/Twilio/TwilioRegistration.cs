using Messaging.Messages.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Infrastructure.Messages.Providers.Twilio;

public static class TwilioRegistration
{
    /// <summary>Twilio sends SMS; the gateway reports back in the platform's own receipt format.</summary>
    public static IServiceCollection AddTwilio(this IServiceCollection services)
    {
        services.AddSingleton<IMessageSender, TwilioSmsSender>();
        services.AddSingleton<IReceiptFormat>(new MessagingReceiptFormat(ProviderNames.Sms));
        return services;
    }
}
