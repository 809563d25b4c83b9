using Messaging.EntityFrameworkCore.Messages;
using Messaging.Infrastructure.Messages;
using Messaging.Messages.HealthChecks;
using Messaging.Messages.Receipts;

namespace Messaging.Messages;

/// <summary>The Messages module in every layer, with its readiness checks; its recurring jobs come with its application layer.</summary>
public static class MessagesHostModule
{
    public static IServiceCollection AddMessagesModule(this IServiceCollection services, IConfiguration configuration, HostRoles roles)
    {
        services
            .AddMessagesApplication(configuration, roles.AcceptsRequests, roles.RunsJobs)
            .AddMessagesEntityFrameworkCore(configuration)
            .AddMessagesInfrastructure(configuration)
            .AddHealthChecks()
            .AddCheck<MessageBufferHealthCheck>("message-buffer", tags: ["ready"])
            .AddCheck<RuntimeSettingsHealthCheck>("runtime-settings", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// The module's middleware, placed by Program.cs after authentication and before the tenant is resolved: providers
    /// posting receipts carry no tenant and are limited per client address.
    /// </summary>
    public static IApplicationBuilder UseMessagesModule(this IApplicationBuilder app) => app.UseMiddleware<ReceiptRateLimitMiddleware>();
}
