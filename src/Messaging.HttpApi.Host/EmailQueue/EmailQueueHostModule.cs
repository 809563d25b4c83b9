using Messaging.EntityFrameworkCore.EmailQueue;

namespace Messaging.EmailQueue;

/// <summary>The EmailQueue module in every layer.</summary>
public static class EmailQueueHostModule
{
    public static IServiceCollection AddEmailQueueModule(this IServiceCollection services, IConfiguration configuration, HostRoles roles) =>
        services
            .AddEmailQueueApplication()
            .AddEmailQueueEntityFrameworkCore();
}
