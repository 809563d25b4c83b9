using Messaging.Attachment;
using Messaging.Channel;
using Messaging.CircuitBreaking;
using Messaging.EmailQueue;
using Messaging.EntityFrameworkCore;
using Messaging.EntityFrameworkCore.Attachment;
using Messaging.EntityFrameworkCore.Channel;
using Messaging.EntityFrameworkCore.EmailQueue;
using Messaging.EntityFrameworkCore.Messages;
using Messaging.EntityFrameworkCore.TenantManagement;
using Messaging.EventBus;
using Messaging.FlowControl;
using Messaging.Messages;
using Messaging.MultiTenancy;
using Messaging.RateLimiting;
using Messaging.TenantManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;

namespace Messaging.TestSupport;

/// <summary>The application and EF Core layers of every module, composed as the host composes them, without the host.</summary>
public static class TestLayers
{
    public static IServiceCollection AddApplicationLayer(this IServiceCollection services, IConfiguration configuration,
        bool acceptsRequests = true, bool runsWorkers = true)
    {
        services.TryAddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Development });
        services.TryAddSingleton<IHostApplicationLifetime>(new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance));
        return services
            .AddMultiTenancy()
            .AddFlowControl()
            .AddRateLimiting()
            .AddEventBus(configuration, runsWorkers)
            .AddCircuitBreaking(runsWorkers)
            .AddTenantManagementApplication(acceptsRequests)
            .AddMessagesApplication(configuration, acceptsRequests, runsWorkers)
            .AddEmailQueueApplication(configuration, acceptsRequests, runsWorkers)
            .AddAttachmentApplication(configuration, runsWorkers: false)
            .AddChannelApplication(configuration, runsWorkers);
    }

    public static IServiceCollection AddEntityFrameworkCoreLayer(this IServiceCollection services, IConfiguration configuration) =>
        services
            .AddMessagingEntityFrameworkCore(configuration)
            .AddTenantManagementEntityFrameworkCore(configuration)
            .AddMessagesEntityFrameworkCore(configuration)
            .AddEmailQueueEntityFrameworkCore()
            .AddAttachmentEntityFrameworkCore()
            .AddChannelEntityFrameworkCore();
}
