using Messaging.CircuitBreaking;
using Messaging.Infrastructure;
using Messaging.Infrastructure.CircuitBreaking;
using Messaging.Infrastructure.Redis;
using Messaging.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging;

/// <summary>The breaker the host composes: Redis when configured, and never an exception because Redis went away.</summary>
public class RedisCircuitBreakerFaultTests
{
    [Fact]
    public async Task WithoutRedis_TheHostUsesTheInProcessBreaker()
    {
        await using var services = Compose(redisConfiguration: null);

        services.GetRequiredService<ICircuitBreaker>().ShouldBeOfType<LocalCircuitBreaker>();
    }

    [Fact]
    public async Task RedisStopped_TheBreakerKeepsDecidingInThisProcess_AndSharesAgainWhenItReturns()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        await using var services = Compose(redis.Configuration);
        var breaker = services.GetRequiredService<ICircuitBreaker>();
        var connection = services.GetRequiredService<RedisConnection>();
        await Eventually.TrueAsync(() => Task.FromResult(connection.IsConnected), TimeSpan.FromSeconds(10), "Redis is connected");
        var sharedKey = new CircuitKey("sms", Guid.NewGuid());
        var localKey = new CircuitKey("webhook", Guid.NewGuid());
        await breaker.RecordFailureAsync(sharedKey);
        await breaker.RecordFailureAsync(sharedKey);
        var sharedOpen = await breaker.AcquireAsync(sharedKey);

        await redis.StopAsync();
        // Straight away (the connection may not know yet, so commands fail) and once it knows.
        var rightAfterStop = await breaker.AcquireAsync(sharedKey);
        await breaker.RecordFailureAsync(localKey);
        await Eventually.TrueAsync(() => Task.FromResult(!connection.IsConnected), TimeSpan.FromSeconds(10), "the connection noticed");
        await breaker.RecordFailureAsync(localKey);
        var localOpen = await breaker.AcquireAsync(localKey);
        var listedWhileDown = await breaker.ListAsync();
        var forcedWhileDown = await breaker.ForceOpenAsync(new CircuitKey("sms", Guid.NewGuid()));

        await redis.RestartAsync();
        await Eventually.TrueAsync(() => Task.FromResult(connection.IsConnected), TimeSpan.FromSeconds(30), "Redis is connected again");
        await Eventually.TrueAsync(async () => (await breaker.ListAsync()).All(c => c.Key != localKey), TimeSpan.FromSeconds(30),
            "the list comes from Redis again");

        sharedOpen.Allowed.ShouldBeFalse();
        rightAfterStop.Allowed.ShouldBeTrue("the in-process breaker has not seen the shared circuit's failures");
        localOpen.Allowed.ShouldBeFalse();
        listedWhileDown.ShouldContain(c => c.Key == localKey && c.State == CircuitState.Open);
        forcedWhileDown.ForcedOpen.ShouldBeTrue();
    }

    private static ServiceProvider Compose(string? redisConfiguration)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = redisConfiguration,
            ["HighThroughput:CircuitBreaker:FailureThreshold"] = "2"
        }).Build();
        var services = new ServiceCollection().AddLogging().AddMetrics();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<CircuitBreakerOptions>().Bind(configuration.GetSection("HighThroughput:CircuitBreaker"));
        services.AddSingleton<ICircuitMetrics, CircuitMetrics>();
        services.AddMessagingInfrastructure(configuration, runsJobs: false);
        return services.BuildServiceProvider();
    }
}
