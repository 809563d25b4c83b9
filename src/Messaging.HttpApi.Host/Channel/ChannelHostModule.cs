using Messaging.EntityFrameworkCore.Channel;
using Messaging.Infrastructure.Security;

namespace Messaging.Channel;

/// <summary>The Channel module in every layer (with the SSE hub it streams through), and its readiness check <c>channel</c>.</summary>
public static class ChannelHostModule
{
    public static IServiceCollection AddChannelModule(this IServiceCollection services, IConfiguration configuration, HostRoles roles)
    {
        services
            .AddChannelApplication(configuration, roles.RunsJobs)
            .AddChannelEntityFrameworkCore()
            .AddSecretProtection(configuration)
            .AddHealthChecks()
            .AddCheck<ChannelHealthCheck>("channel", tags: ["ready"]);
        return services;
    }
}
