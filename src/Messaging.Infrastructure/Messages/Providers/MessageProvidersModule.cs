using Messaging.Infrastructure.Http;
using Messaging.Infrastructure.Messages.Providers.Sandbox;
using Messaging.Infrastructure.Messages.Providers.Twilio;
using Messaging.Infrastructure.Messages.Providers.Webhook;
using Messaging.Infrastructure.Messages.Providers.WhatsApp;
using Messaging.Messages.Delivery;
using Microsoft.AspNetCore.DataProtection;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Infrastructure.Messages.Providers;

/// <summary>
/// The delivery providers, each a folder with its sender, error classifier and receipt format behind one registration,
/// and the protection of their secrets.
/// </summary>
public static class MessageProvidersModule
{
    /// <summary>Keys are shared through the database (see the EF Core module); one application name lets every instance use them.</summary>
    public const string DataProtectionApplicationName = "Messaging";

    public static IServiceCollection AddMessageProviders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpClient(OutboundHttpClients.TenantSupplied);
        var dataProtection = services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        // Without a certificate the key ring sits in the database in clear, next to what it protects: a copy of the
        // database then reveals the secrets. A certificate kept outside the database encrypts the keys themselves.
        if (configuration["DataProtection:KeyCertificatePath"] is { Length: > 0 } certificatePath)
        {
            dataProtection.ProtectKeysWithCertificate(
                X509CertificateLoader.LoadPkcs12FromFile(certificatePath, configuration["DataProtection:KeyCertificatePassword"]));
        }

        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        services.AddWhatsApp();
        services.AddTwilio();
        services.AddWebhook();
        services.AddSandbox();
        return services;
    }
}
