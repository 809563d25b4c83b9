using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using Messaging.BackgroundJobs;
using Messaging.Infrastructure.BackgroundJobs;
using Messaging.Backplane;
using Messaging.CircuitBreaking;
using Messaging.DistributedLocking;
using Messaging.EventBus;
using Messaging.RateLimiting;
using Messaging.Infrastructure.Backplane;
using Messaging.Infrastructure.CircuitBreaking;
using Messaging.Infrastructure.EventBus;
using Messaging.Infrastructure.RabbitMq;
using Messaging.Infrastructure.RateLimiting;
using Messaging.Infrastructure.DistributedLocking;
using Messaging.Infrastructure.Http;
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
        services.AddSingleton<LocalCircuitBreaker>();
        services.AddSingleton<LocalTenantRateLimiter>();
        var redisConfiguration = configuration["Redis:Configuration"];
        if (string.IsNullOrWhiteSpace(redisConfiguration))
        {
            services.AddSingleton<IDistributedLock>(provider => provider.GetRequiredService<LocalDistributedLock>());
            services.AddSingleton<IBackplane>(provider => provider.GetRequiredService<LocalBackplane>());
            services.AddSingleton<ICircuitBreaker>(provider => provider.GetRequiredService<LocalCircuitBreaker>());
            services.AddSingleton<ITenantRateLimiter>(provider => provider.GetRequiredService<LocalTenantRateLimiter>());
        }
        else
        {
            AddRedis(services, redisConfiguration);
        }

        services.AddHangfire(hangfire => UseJobStorage(hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings(), configuration));
        if (runsJobs)
        {
            services.AddHangfireServer(server =>
            {
                server.Queues = HangfireQueues.InPriorityOrder;
                // How soon a scheduled job (a retry's backoff) becomes due after its time; Hangfire's default is 15 s.
                server.SchedulePollingInterval = configuration.GetValue("Hangfire:SchedulePollingInterval", TimeSpan.FromSeconds(15));
                server.WorkerCount = configuration.GetValue("Hangfire:WorkerCount", Math.Max(2, Environment.ProcessorCount));
            });
        }

        services.AddTenantSuppliedHttpClient(configuration);
        services.AddTransient(typeof(HangfireJobExecutor<,>));
        services.AddSingleton<IBackgroundJobManager, HangfireBackgroundJobManager>();
        return services;
    }

    /// <summary>
    /// Jobs live where the state lives: the production database (its own schema) for PostgreSQL and SQL Server,
    /// memory for the embedded SQLite default, where the database sweeps find again whatever a lost job held.
    /// </summary>
    private static void UseJobStorage(IGlobalConfiguration hangfire, IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"];
        var connectionString = configuration.GetConnectionString("Default");
        var schema = configuration["Hangfire:SchemaName"];
        var pollInterval = configuration.GetValue("Hangfire:QueuePollInterval", TimeSpan.FromSeconds(1));
        if (string.Equals(provider, "PostgreSql", StringComparison.OrdinalIgnoreCase))
        {
            hangfire.UsePostgreSqlStorage(
                options => options.UseNpgsqlConnection(connectionString),
                new PostgreSqlStorageOptions { SchemaName = schema ?? "hangfire", PrepareSchemaIfNecessary = true, QueuePollInterval = pollInterval });
        }
        else if (string.Equals(provider, "SqlServer", StringComparison.OrdinalIgnoreCase))
        {
            hangfire.UseSqlServerStorage(connectionString,
                new SqlServerStorageOptions { SchemaName = schema ?? "HangFire", PrepareSchemaIfNecessary = true, QueuePollInterval = pollInterval });
        }
        else
        {
            hangfire.UseInMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(6) });
        }
    }

    /// <summary>Whether the host uses Redis; absent <c>Redis:Configuration</c> means the in-process fallbacks.</summary>
    public static bool UsesRedis(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration["Redis:Configuration"]);

    private static void AddRedis(IServiceCollection services, string redisConfiguration)
    {
        services.AddSingleton(provider => new RedisConnection(redisConfiguration, provider.GetRequiredService<ILogger<RedisConnection>>()));
        services.AddSingleton<IDistributedLock, RedisDistributedLock>();
        services.AddSingleton<IBackplane, RedisBackplane>();
        services.AddSingleton<ICircuitBreaker>(provider => ActivatorUtilities.CreateInstance<RedisCircuitBreaker>(provider));
        services.AddSingleton<ITenantRateLimiter, RedisTenantRateLimiter>();
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
