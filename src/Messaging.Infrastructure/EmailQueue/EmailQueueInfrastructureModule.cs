using Messaging.EmailQueue;
using Messaging.Infrastructure.Security;
using Messaging.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.Infrastructure.EmailQueue;

/// <summary>The EmailQueue module's adapters: MailKit for SMTP and the embedded pickup folder, and the protection of SMTP passwords.</summary>
public static class EmailQueueInfrastructureModule
{
    public static IServiceCollection AddEmailQueueInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSecretProtection(configuration);
        services.AddOptions<OutboundAddressOptions>().Bind(configuration.GetSection(OutboundAddressOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SmtpConnectionPool>();
        services.AddSingleton<IEmailTransport, MailKitEmailTransport>();
        return services;
    }
}
