using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Messaging.Infrastructure.RabbitMq;

/// <summary>
/// One connection per process, opened on first use and recovered by the client library after a loss. While the
/// broker is unreachable, callers get <see cref="BrokerUnavailableException"/> and try again later.
/// </summary>
public sealed partial class RabbitMqConnection(RabbitMqOptions options, ILogger<RabbitMqConnection> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _opening = new(1, 1);
    private IConnection? _connection;

    /// <summary>
    /// The process's connection. Once made it is never replaced: while the broker is away the library recovers
    /// it in place, channels and consumers included, and channels asked of it meanwhile fail as unavailable.
    /// </summary>
    public async Task<IConnection> GetAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } existing)
        {
            return existing;
        }

        await _opening.WaitAsync(cancellationToken);
        try
        {
            if (_connection is { } opened)
            {
                return opened;
            }

            var factory = new ConnectionFactory
            {
                HostName = options.HostName,
                Port = options.Port,
                UserName = options.UserName,
                Password = options.Password,
                VirtualHost = options.VirtualHost,
                ClientProvidedName = options.ClientName,
                AutomaticRecoveryEnabled = true,
                TopologyRecoveryEnabled = true,
                NetworkRecoveryInterval = TimeSpan.FromSeconds(2),
                RequestedConnectionTimeout = TimeSpan.FromSeconds(5)
            };
            _connection = await factory.CreateConnectionAsync(cancellationToken);
            LogConnected(logger, options.HostName, options.Port);
            return _connection;
        }
        catch (Exception exception) when (exception is BrokerUnreachableException or OperationInterruptedException or IOException)
        {
            throw new BrokerUnavailableException($"RabbitMQ at {options.HostName}:{options.Port} is unreachable.", exception);
        }
        finally
        {
            _opening.Release();
        }
    }

    /// <summary>Declares the exchanges and queues: main, one retry queue per delay, and the dead-letter queue.</summary>
    public async Task DeclareTopologyAsync(IChannel channel, IEnumerable<string> eventNames, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(options.ExchangeName, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.ExchangeDeclareAsync(options.RetryExchange, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.ExchangeDeclareAsync(options.DeadLetterExchange, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: cancellationToken);

        await channel.QueueDeclareAsync(options.Queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        foreach (var eventName in eventNames)
        {
            await channel.QueueBindAsync(options.Queue, options.ExchangeName, eventName, cancellationToken: cancellationToken);
        }

        for (var attempt = 1; attempt <= options.RetryDelays.Length; attempt++)
        {
            // A retry queue holds an event for its delay, then dead-letters it straight back to the main queue.
            await channel.QueueDeclareAsync(options.RetryQueue(attempt), durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?>
                {
                    ["x-message-ttl"] = (int)options.RetryDelays[attempt - 1].TotalMilliseconds,
                    ["x-dead-letter-exchange"] = "",
                    ["x-dead-letter-routing-key"] = options.Queue
                }, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(options.RetryQueue(attempt), options.RetryExchange, options.RetryQueue(attempt), cancellationToken: cancellationToken);
        }

        await channel.QueueDeclareAsync(options.DeadLetterQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(options.DeadLetterQueue, options.DeadLetterExchange, options.Queue, cancellationToken: cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _opening.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to RabbitMQ at {HostName}:{Port}")]
    private static partial void LogConnected(ILogger logger, string hostName, int port);
}

/// <summary>The broker cannot be reached now; nothing was published and nothing should count as a failed attempt.</summary>
public sealed class BrokerUnavailableException(string message, Exception inner) : Exception(message, inner);
