using Messaging.EntityFrameworkCore.EmailQueue;
using Messaging.Infrastructure.EmailQueue;

namespace Messaging.EmailQueue;

/// <summary>The EmailQueue module in every layer, with its readiness checks <c>email-queue</c> and <c>email-inbound</c>.</summary>
public static class EmailQueueHostModule
{
    public static IServiceCollection AddEmailQueueModule(this IServiceCollection services, IConfiguration configuration, HostRoles roles)
    {
        services
            .AddEmailQueueApplication(configuration, roles.AcceptsRequests, roles.RunsJobs)
            .AddEmailQueueEntityFrameworkCore()
            .AddEmailQueueInfrastructure(configuration)
            .AddHealthChecks()
            .AddCheck<EmailQueueHealthCheck>("email-queue", tags: ["ready"])
            .AddCheck<InboundEmailHealthCheck>("email-inbound", tags: ["ready"]);
        return services;
    }
}
