using Messaging.Infrastructure.Http;
using Messaging.Messages.Delivery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Infrastructure.Messages.Providers;

/// <summary>The delivery providers, one <see cref="IMessageSender"/> each, and the protection of their secrets.</summary>
public static class MessageProvidersModule
{
    /// <summary>Keys are shared through the database (see the EF Core module); one application name lets every instance use them.</summary>
    public const string DataProtectionApplicationName = "Messaging";

    public static IServiceCollection AddMessageProviders(this IServiceCollection services)
    {
        services.AddHttpClient(OutboundHttpClients.TenantSupplied);
        services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        services.AddSingleton<IMessageSender, WhatsAppCloudApiSender>();
        services.AddSingleton<IMessageSender, TwilioSmsSender>();
        services.AddSingleton<IMessageSender, WebhookSender>();
        services.AddSingleton<IMessageSender, SandboxMessageSender>();
        return services;
    }
}
