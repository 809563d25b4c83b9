using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Messaging.Infrastructure.Redis;

/// <summary>
/// The one multiplexer of this process. It connects in the background and keeps reconnecting, so a Redis
/// outage at start or later never stops the host; callers check <see cref="IsConnected"/> and fall back.
/// </summary>
public sealed partial class RedisConnection : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _multiplexer;

    public RedisConnection(string configuration, ILogger<RedisConnection> logger)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2_000);
        options.SyncTimeout = Math.Min(options.SyncTimeout, 2_000);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 2_000);
        options.ClientName ??= "messaging";
        _multiplexer = ConnectionMultiplexer.Connect(options);
        _multiplexer.ConnectionFailed += (_, failure) => LogConnectionFailed(logger, failure.EndPoint?.ToString(), failure.FailureType);
        _multiplexer.ConnectionRestored += (_, restored) => LogConnectionRestored(logger, restored.EndPoint?.ToString());
    }

    public IConnectionMultiplexer Multiplexer => _multiplexer;

    public bool IsConnected => _multiplexer.IsConnected;

    public IDatabase Database => _multiplexer.GetDatabase();

    public async ValueTask DisposeAsync() => await _multiplexer.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis connection to {EndPoint} failed ({FailureType}); using local fallbacks until it returns")]
    private static partial void LogConnectionFailed(ILogger logger, string? endPoint, ConnectionFailureType failureType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis connection to {EndPoint} restored")]
    private static partial void LogConnectionRestored(ILogger logger, string? endPoint);
}
