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

    /// <summary>
    /// The module's middleware, placed by Program.cs after authentication and before the tenant is resolved: routing
    /// workers posting webhooks carry no tenant, and failed verifications are limited per client address.
    /// </summary>
    public static IApplicationBuilder UseEmailQueueModule(this IApplicationBuilder app) => app.UseMiddleware<InboundWebhookGuardMiddleware>();
}
