using Messaging.Backplane;
using Messaging.Infrastructure.Redis;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Messaging.Infrastructure.Backplane;

/// <summary>
/// Redis pub/sub between instances. While Redis is down a publish still reaches this instance's own
/// subscribers, so a single instance keeps working; other instances miss the signal, as at-most-once allows.
/// </summary>
public sealed partial class RedisBackplane(RedisConnection connection, LocalBackplane local, ILogger<RedisBackplane> logger) : IBackplane
{
    private const string ChannelPrefix = "messaging:";

    public async Task PublishAsync(string channel, string payload, CancellationToken cancellationToken = default)
    {
        if (connection.IsConnected)
        {
            try
            {
                await connection.Multiplexer.GetSubscriber().PublishAsync(Channel(channel), payload);
                return;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                LogPublishFailed(logger, exception, channel);
            }
        }

        await local.PublishAsync(channel, payload, cancellationToken);
    }

    public async Task<IAsyncDisposable> SubscribeAsync(string channel, Func<string, Task> handler, CancellationToken cancellationToken = default)
    {
        var localSubscription = await local.SubscribeAsync(channel, handler, cancellationToken);
        var subscriber = connection.Multiplexer.GetSubscriber();
        var redisChannel = Channel(channel);
        Action<RedisChannel, RedisValue> onMessage = (source, value) => _ = DeliverAsync(channel, handler, value.ToString());
        try
        {
            // Once registered, the multiplexer re-subscribes by itself after every reconnect.
            await subscriber.SubscribeAsync(redisChannel, onMessage);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogSubscribeDeferred(logger, channel);
            EventHandler<ConnectionFailedEventArgs>? subscribeWhenBack = null;
            subscribeWhenBack = (_, _) =>
            {
                connection.Multiplexer.ConnectionRestored -= subscribeWhenBack;
                _ = subscriber.SubscribeAsync(redisChannel, onMessage);
            };
            connection.Multiplexer.ConnectionRestored += subscribeWhenBack;
        }

        return new Subscription(subscriber, redisChannel, onMessage, localSubscription);
    }

    private async Task DeliverAsync(string channel, Func<string, Task> handler, string payload)
    {
        try
        {
            await handler(payload);
        }
        catch (Exception exception)
        {
            LogHandlerFailed(logger, exception, channel);
        }
    }

    private static RedisChannel Channel(string name) => RedisChannel.Literal(ChannelPrefix + name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish on backplane channel {Channel}; delivered to this instance only")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string channel);

    [LoggerMessage(Level = LogLevel.Error, Message = "A backplane handler for {Channel} failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unreachable; subscribing to {Channel} once it returns")]
    private static partial void LogSubscribeDeferred(ILogger logger, string channel);

    private sealed class Subscription(ISubscriber subscriber, RedisChannel channel, Action<RedisChannel, RedisValue> handler, IAsyncDisposable local)
        : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await local.DisposeAsync();
            await subscriber.UnsubscribeAsync(channel, handler);
        }
    }
}
