using Messaging.Infrastructure.Http;
using Messaging.Infrastructure.Messages.Providers.Sandbox;
using Messaging.Infrastructure.Messages.Providers.Twilio;
using Messaging.Infrastructure.Messages.Providers.Webhook;
using Messaging.Infrastructure.Messages.Providers.WhatsApp;
using Messaging.Infrastructure.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Infrastructure.Messages.Providers;

/// <summary>
/// The delivery providers, each a folder with its sender, error classifier and receipt format behind one registration;
/// their secrets are protected by the shared secret protection.
/// </summary>
public static class MessageProvidersModule
{
    public static IServiceCollection AddMessageProviders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpClient(OutboundHttpClients.TenantSupplied);
        services.AddSecretProtection(configuration);
        services.AddWhatsApp();
        services.AddTwilio();
        services.AddWebhook();
        services.AddSandbox();
        return services;
    }
}
