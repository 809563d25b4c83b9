using Messaging.Infrastructure.Redis;
using Messaging.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Messaging.CircuitBreaking;

/// <summary>The contract against the Redis server of the test run, each sample under key prefixes of its own.</summary>
public class RedisCircuitBreakerTests : CircuitBreakerContract, IAsyncLifetime
{
    private readonly string _prefixRoot = $"circuit-test:{Guid.NewGuid():N}";
    private readonly List<RedisConnection> _connections = [];
    private RedisConnection _connection = null!;
    private int _samples;

    protected override int Iterations => 100;

    public async Task InitializeAsync()
    {
        _connection = await ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        var server = _connection.Multiplexer.GetServers().Single();
        var keys = new List<RedisKey>();
        await foreach (var key in server.KeysAsync(pattern: "{" + _prefixRoot + "*"))
        {
            keys.Add(key);
        }

        if (keys.Count > 0)
        {
            await _connection.Database.KeyDeleteAsync(keys.ToArray());
        }

        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    protected override Task<ICircuitBreaker> CreateAsync(TimeProvider clock, CircuitModel.Settings settings) =>
        Task.FromResult<ICircuitBreaker>(CircuitBreakers.Redis(_connection, NextPrefix(), clock, settings));

    protected override async Task<IReadOnlyList<ICircuitBreaker>> CreateConcurrentCallersAsync(TimeProvider clock, CircuitModel.Settings settings)
    {
        var prefix = NextPrefix();
        var other = await ConnectAsync();
        return [CircuitBreakers.Redis(_connection, prefix, clock, settings), CircuitBreakers.Redis(other, prefix, clock, settings)];
    }

    [Fact]
    public async Task TwoInstances_OverOneRedis_ShareTheCircuit()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        var settings = new CircuitModel.Settings(2, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5));
        var prefix = NextPrefix();
        var first = CircuitBreakers.Redis(_connection, prefix, clock, settings);
        var second = CircuitBreakers.Redis(await ConnectAsync(), prefix, clock, settings);
        var key = new CircuitKey("sms", Guid.NewGuid());

        await first.RecordFailureAsync(key);
        await second.RecordFailureAsync(key);
        var refusedOnFirst = await first.AcquireAsync(key);
        var seenBySecond = (await second.ListAsync()).Single();
        clock.Advance(TimeSpan.FromSeconds(30));
        var probeOnSecond = await second.AcquireAsync(key);
        var refusedOnFirstDuringProbe = await first.AcquireAsync(key);
        await second.RecordSuccessAsync(key);
        var allowedOnFirst = await first.AcquireAsync(key);

        refusedOnFirst.Allowed.ShouldBeFalse();
        seenBySecond.State.ShouldBe(CircuitState.Open);
        seenBySecond.ConsecutiveFailures.ShouldBe(2);
        probeOnSecond.IsProbe.ShouldBeTrue();
        refusedOnFirstDuringProbe.Allowed.ShouldBeFalse();
        allowedOnFirst.ShouldBe(CircuitPermit.Closed);
    }

    [Fact]
    public async Task ForcedOpen_HoldsForEveryInstanceUntilReset_AndReplacesNothingElse()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        var settings = new CircuitModel.Settings(2, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5));
        var prefix = NextPrefix();
        var admin = CircuitBreakers.Redis(_connection, prefix, clock, settings);
        var worker = CircuitBreakers.Redis(await ConnectAsync(), prefix, clock, settings);
        var key = new CircuitKey("webhook", Guid.NewGuid());
        var otherTenant = key with { TenantId = Guid.NewGuid() };

        await admin.ForceOpenAsync(key);
        clock.Advance(TimeSpan.FromDays(2));
        var refused = await worker.AcquireAsync(key);
        await worker.RecordSuccessAsync(key);
        var stillRefused = await worker.AcquireAsync(key);
        var otherAllowed = await worker.AcquireAsync(otherTenant);
        await admin.ResetAsync(key);
        var allowed = await worker.AcquireAsync(key);

        refused.Allowed.ShouldBeFalse();
        stillRefused.Allowed.ShouldBeFalse();
        otherAllowed.Allowed.ShouldBeTrue();
        allowed.ShouldBe(CircuitPermit.Closed);
    }

    [Fact]
    public async Task AClosedCircuit_ExpiresWhenIdle_AndLeavesTheList()
    {
        var settings = new CircuitModel.Settings(5, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5));
        var prefix = NextPrefix();
        var options = CircuitBreakers.Options(settings);
        // The shortest idle expiry the settings allow is a minute; Redis's own clock decides, so shorten it directly.
        options.IdleExpiry = TimeSpan.FromMilliseconds(200);
        var breaker = new Infrastructure.CircuitBreaking.RedisCircuitBreaker(_connection,
            CircuitBreakers.Local(TimeProvider.System, settings), new StaticOptionsMonitor<CircuitBreakerOptions>(options),
            TimeProvider.System, CircuitBreakers.Metrics(), NullLogger<Infrastructure.CircuitBreaking.RedisCircuitBreaker>.Instance, prefix);
        var key = new CircuitKey("sms", Guid.NewGuid());
        await breaker.RecordFailureAsync(key);
        (await breaker.ListAsync()).ShouldHaveSingleItem();

        await Eventually.TrueAsync(async () => (await breaker.ListAsync()).Count == 0, TimeSpan.FromSeconds(10), "the idle circuit expired");

        (await _connection.Database.SetLengthAsync(prefix + "known")).ShouldBe(0);
    }

    private string NextPrefix() => "{" + _prefixRoot + ":" + Interlocked.Increment(ref _samples) + "}:";

    private async Task<RedisConnection> ConnectAsync()
    {
        var connection = new RedisConnection(RedisTestServer.Configuration(), NullLogger<RedisConnection>.Instance);
        _connections.Add(connection);
        await Eventually.TrueAsync(() => Task.FromResult(connection.IsConnected), TimeSpan.FromSeconds(10), "Redis is connected");
        return connection;
    }
}
