using System.Security.Cryptography.X509Certificates;
using Messaging.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Infrastructure.Security;

/// <summary>
/// Data Protection with its key ring shared through the database, behind <see cref="ISecretProtector"/>: every module
/// that stores a tenant's secret (provider credentials, SMTP passwords) asks for it, and it is registered once. The same
/// key ring issues <see cref="IScopedAccessTokens"/>.
/// </summary>
public static class SecretProtectionRegistration
{
    /// <summary>Keys are shared through the database (see the EF Core module); one application name lets every instance use them.</summary>
    public const string DataProtectionApplicationName = "Messaging";

    public static IServiceCollection AddSecretProtection(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(service => service.ServiceType == typeof(ISecretProtector)))
        {
            return services;
        }

        var dataProtection = services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        // Without a certificate the key ring sits in the database in clear, next to what it protects: a copy of the
        // database then reveals the secrets. A certificate kept outside the database encrypts the keys themselves.
        if (configuration["DataProtection:KeyCertificatePath"] is { Length: > 0 } certificatePath)
        {
            dataProtection.ProtectKeysWithCertificate(
                X509CertificateLoader.LoadPkcs12FromFile(certificatePath, configuration["DataProtection:KeyCertificatePassword"]));
        }

        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        services.AddSingleton<IScopedAccessTokens, DataProtectionScopedAccessTokens>();
        return services;
    }
}
