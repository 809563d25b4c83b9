using Hangfire;
using Hangfire.InMemory;
using Messaging.BackgroundJobs;
using Messaging.Infrastructure.BackgroundJobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Infrastructure;

/// <summary>Adapters the ABP packages would have supplied: background jobs on Hangfire, a hybrid cache.</summary>
public static class MessagingInfrastructureModule
{
    public static IServiceCollection AddMessagingInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHybridCache();

        services.AddHangfire(hangfire => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseInMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(6) }));
        services.AddHangfireServer(server =>
        {
            server.Queues = HangfireQueues.InPriorityOrder;
            server.WorkerCount = configuration.GetValue("Hangfire:WorkerCount", Math.Max(2, Environment.ProcessorCount));
        });
        services.AddTransient(typeof(HangfireJobExecutor<,>));
        services.AddSingleton<IBackgroundJobManager, HangfireBackgroundJobManager>();
        return services;
    }
}
