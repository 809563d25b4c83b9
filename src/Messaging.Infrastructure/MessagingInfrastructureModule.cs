using Hangfire;
using Hangfire.InMemory;
using Messaging.BackgroundJobs;
using Messaging.Infrastructure.BackgroundJobs;
using Messaging.Backplane;
using Messaging.DistributedLocking;
using Messaging.EventBus;
using Messaging.Infrastructure.Backplane;
using Messaging.Infrastructure.EventBus;
using Messaging.Infrastructure.RabbitMq;
using Messaging.Infrastructure.DistributedLocking;
using Messaging.Infrastructure.Redis;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Infrastructure;

/// <summary>Adapters the ABP packages would have supplied: background jobs on Hangfire, cache, locks and fan-out on Redis.</summary>
public static class MessagingInfrastructureModule
{
    /// <param name="runsJobs">Whether this instance runs a Hangfire server; every instance can enqueue.</param>
    public static IServiceCollection AddMessagingInfrastructure(this IServiceCollection services, IConfiguration configuration,
        bool runsJobs = true)
    {
        services.AddHybridCache();
        if (RabbitMqOptions.From(configuration) is { } rabbitMq)
        {
            services.AddSingleton(rabbitMq);
            services.AddSingleton<RabbitMqConnection>();
            services.AddSingleton<IEventTransport, RabbitMqEventTransport>();
            if (runsJobs)
            {
                services.AddHostedService<RabbitMqEventConsumer>();
            }
        }
        else
        {
            services.AddSingleton<IEventTransport, InProcessEventTransport>();
        }

        services.AddSingleton<LocalDistributedLock>();
        services.AddSingleton<LocalBackplane>();
        var redisConfiguration = configuration["Redis:Configuration"];
        if (string.IsNullOrWhiteSpace(redisConfiguration))
        {
            services.AddSingleton<IDistributedLock>(provider => provider.GetRequiredService<LocalDistributedLock>());
            services.AddSingleton<IBackplane>(provider => provider.GetRequiredService<LocalBackplane>());
        }
        else
        {
            AddRedis(services, redisConfiguration);
        }

        services.AddHangfire(hangfire => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseInMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(6) }));
        if (runsJobs)
        {
            services.AddHangfireServer(server =>
            {
                server.Queues = HangfireQueues.InPriorityOrder;
                server.WorkerCount = configuration.GetValue("Hangfire:WorkerCount", Math.Max(2, Environment.ProcessorCount));
            });
        }

        services.AddTransient(typeof(HangfireJobExecutor<,>));
        services.AddSingleton<IBackgroundJobManager, HangfireBackgroundJobManager>();
        return services;
    }

    /// <summary>Whether the host uses Redis; absent <c>Redis:Configuration</c> means the in-process fallbacks.</summary>
    public static bool UsesRedis(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration["Redis:Configuration"]);

    private static void AddRedis(IServiceCollection services, string redisConfiguration)
    {
        services.AddSingleton(provider => new RedisConnection(redisConfiguration, provider.GetRequiredService<ILogger<RedisConnection>>()));
        services.AddSingleton<IDistributedLock, RedisDistributedLock>();
        services.AddSingleton<IBackplane, RedisBackplane>();
        services.AddSingleton<RedisHealthCheck>();
        services.AddSingleton<IDistributedCache>(provider =>
        {
            var connection = provider.GetRequiredService<RedisConnection>();
            var redis = new RedisCache(Options.Create(new RedisCacheOptions
            {
                InstanceName = "messaging:cache:",
                ConnectionMultiplexerFactory = () => Task.FromResult(connection.Multiplexer)
            }));
            return new FallbackDistributedCache(redis, connection);
        });
    }
}
