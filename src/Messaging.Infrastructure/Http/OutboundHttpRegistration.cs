using Messaging.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Messaging.Infrastructure.Http;

public static class OutboundHttpRegistration
{
    /// <summary>
    /// The named client for tenant-supplied addresses, behind the SSRF guard. Its request logging is removed: the
    /// default handlers log every URL, and tenants put tokens in query strings.
    /// </summary>
    public static IServiceCollection AddTenantSuppliedHttpClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutboundAddressOptions>().Bind(configuration.GetSection(OutboundAddressOptions.SectionName));
        services.AddHttpClient(OutboundHttpClients.TenantSupplied)
            .ConfigurePrimaryHttpMessageHandler(provider => SsrfGuard.CreateHandler(provider.GetRequiredService<IOptionsMonitor<OutboundAddressOptions>>()))
            .RemoveAllLoggers();
        return services;
    }
}
