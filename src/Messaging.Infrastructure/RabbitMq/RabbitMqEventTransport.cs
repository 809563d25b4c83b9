using System.Text;
using Messaging.EventBus;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Messaging.Infrastructure.RabbitMq;

/// <summary>
/// Publishes relayed events as persistent messages and waits for the broker's confirm of each. A nacked or
/// returned event fails alone; a broker that cannot be reached fails the whole call, so the relay retries the
/// batch later without counting it against the events.
/// </summary>
public sealed class RabbitMqEventTransport(RabbitMqConnection connection, RabbitMqOptions options, EventTypeRegistry registry)
    : IEventTransport, IAsyncDisposable
{
    private readonly SemaphoreSlim _channelLock = new(1, 1);
    private IChannel? _channel;

    public string MessagingSystem => "rabbitmq";

    public async Task<IReadOnlyList<PublishOutcome>> PublishAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken cancellationToken)
    {
        await _channelLock.WaitAsync(cancellationToken);
        try
        {
            var channel = await ChannelAsync(cancellationToken);
            var confirms = batch.Select(message => channel.BasicPublishAsync(options.ExchangeName, message.EventName, mandatory: true,
                RabbitMqHeaders.PropertiesFor(message), Encoding.UTF8.GetBytes(message.Payload), cancellationToken).AsTask()).ToArray();
            var outcomes = new PublishOutcome[batch.Count];
            for (var i = 0; i < confirms.Length; i++)
            {
                try
                {
                    await confirms[i];
                    outcomes[i] = PublishOutcome.Ok;
                }
                catch (PublishException refused)
                {
                    outcomes[i] = PublishOutcome.Failed(refused.IsReturn
                        ? $"No queue is bound for '{batch[i].EventName}'."
                        : "The broker refused the event (nack).");
                }
            }

            return outcomes;
        }
        catch (Exception exception) when (exception is AlreadyClosedException or OperationInterruptedException or IOException)
        {
            await DropChannelAsync();
            throw new BrokerUnavailableException("The connection to RabbitMQ was lost while publishing.", exception);
        }
        finally
        {
            _channelLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DropChannelAsync();
        _channelLock.Dispose();
    }

    private async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true })
        {
            return _channel;
        }

        await DropChannelAsync();
        var open = await connection.GetAsync(cancellationToken);
        if (!open.IsOpen)
        {
            throw new BrokerUnavailableException("The connection to RabbitMQ is recovering.", new IOException("connection closed"));
        }

        _channel = await open.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        await connection.DeclareTopologyAsync(_channel, registry.EventTypes.Select(registry.NameOf), cancellationToken);
        return _channel;
    }

    private async Task DropChannelAsync()
    {
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
            _channel = null;
        }
    }
}
