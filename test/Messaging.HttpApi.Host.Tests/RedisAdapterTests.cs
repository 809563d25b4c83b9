using Messaging.Infrastructure.Backplane;
using Messaging.Infrastructure.DistributedLocking;
using Messaging.Infrastructure.Redis;
using Messaging.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Messaging;

public class RedisAdapterTests : IAsyncLifetime
{
    private RedisServerProcess _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServerProcess.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task Lock_IsExclusiveAcrossConnections_AndFreeAfterRelease()
    {
        await using var one = Connect();
        await using var two = Connect();
        var first = new RedisDistributedLock(one, new LocalDistributedLock());
        var second = new RedisDistributedLock(two, new LocalDistributedLock());

        var held = await first.TryAcquireAsync("job", TimeSpan.FromSeconds(30));
        var contended = await second.TryAcquireAsync("job", TimeSpan.FromSeconds(30));
        await held!.DisposeAsync();
        var afterRelease = await second.TryAcquireAsync("job", TimeSpan.FromSeconds(30));

        held.ShouldNotBeNull();
        contended.ShouldBeNull();
        afterRelease.ShouldNotBeNull();
    }

    [Fact]
    public async Task Lock_ExpiresWhenItsHolderVanishes()
    {
        await using var one = Connect();
        await using var two = Connect();
        var first = new RedisDistributedLock(one, new LocalDistributedLock());
        var second = new RedisDistributedLock(two, new LocalDistributedLock());
        (await first.TryAcquireAsync("crashy", TimeSpan.FromMilliseconds(300))).ShouldNotBeNull();

        await Eventually.TrueAsync(async () => await second.TryAcquireAsync("crashy", TimeSpan.FromSeconds(30)) is not null,
            TimeSpan.FromSeconds(5), "the abandoned lock expired");
    }

    [Fact]
    public async Task Backplane_DeliversToSubscribersOnOtherConnections()
    {
        await using var publisherConnection = Connect();
        await using var subscriberConnection = Connect();
        var publisher = new RedisBackplane(publisherConnection, new LocalBackplane(), NullLogger<RedisBackplane>.Instance);
        var subscriber = new RedisBackplane(subscriberConnection, new LocalBackplane(), NullLogger<RedisBackplane>.Instance);
        var received = new TaskCompletionSource<string>();
        await using var subscription = await subscriber.SubscribeAsync("tests", payload =>
        {
            received.TrySetResult(payload);
            return Task.CompletedTask;
        });

        await Eventually.TrueAsync(async () =>
        {
            await publisher.PublishAsync("tests", "hello");
            return received.Task.IsCompleted;
        }, TimeSpan.FromSeconds(5), "the message arrived");

        (await received.Task).ShouldBe("hello");
    }

    [Fact]
    public async Task WhileRedisIsDown_LockAndBackplaneFallBackToThisProcess()
    {
        await using var connection = Connect();
        var locks = new RedisDistributedLock(connection, new LocalDistributedLock());
        var backplane = new RedisBackplane(connection, new LocalBackplane(), NullLogger<RedisBackplane>.Instance);
        var received = new List<string>();
        await using var subscription = await backplane.SubscribeAsync("tests", payload =>
        {
            received.Add(payload);
            return Task.CompletedTask;
        });

        await _redis.StopAsync();
        await Eventually.TrueAsync(() => Task.FromResult(!connection.IsConnected), TimeSpan.FromSeconds(10), "the connection noticed");
        var held = await locks.TryAcquireAsync("job", TimeSpan.FromSeconds(30));
        var contended = await locks.TryAcquireAsync("job", TimeSpan.FromSeconds(30));
        await backplane.PublishAsync("tests", "local");

        held.ShouldNotBeNull();
        contended.ShouldBeNull();
        received.ShouldBe(["local"]);
    }

    private RedisConnection Connect() => new(_redis.Configuration, NullLogger<RedisConnection>.Instance);
}
