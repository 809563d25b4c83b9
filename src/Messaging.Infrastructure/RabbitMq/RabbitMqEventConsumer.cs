using System.Text;
using Messaging.EventBus;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Messaging.Infrastructure.RabbitMq;

/// <summary>
/// The worker's consumer: manual acks with a bounded prefetch. A delivery is acknowledged only after its handlers
/// committed, or after it was safely moved (with a publisher confirm) to a retry queue or, once its retries are
/// spent, to the dead-letter queue. Nothing is requeued forever and no failure is acknowledged away.
/// </summary>
public sealed partial class RabbitMqEventConsumer(
    RabbitMqConnection connection,
    RabbitMqOptions options,
    EventTypeRegistry registry,
    IEventDispatcher dispatcher,
    ILogger<RabbitMqEventConsumer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ConsumeUntilStoppedAsync(stoppingToken);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogConsumerDown(logger, exception);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task ConsumeUntilStoppedAsync(CancellationToken stoppingToken)
    {
        var open = await connection.GetAsync(stoppingToken);
        await using var channel = await open.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), stoppingToken);
        await connection.DeclareTopologyAsync(channel, registry.EventTypes.Select(registry.NameOf), stoppingToken);
        await channel.BasicQosAsync(0, options.PrefetchCount, global: false, stoppingToken);

        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => HandleDeliveryAsync(channel, delivery, stoppingToken);
        await channel.BasicConsumeAsync(options.Queue, autoAck: false, consumer, stoppingToken);
        LogConsuming(logger, options.Queue);

        // The library recovers the connection and this consumer after a broker restart; we only wait for shutdown.
        await Task.Delay(Timeout.Infinite, stoppingToken);
    }

    private async Task HandleDeliveryAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken stoppingToken)
    {
        var envelope = RabbitMqHeaders.ToEnvelope(delivery.BasicProperties, delivery.Body, delivery.RoutingKey);
        var outcome = await dispatcher.DispatchAsync(envelope, stoppingToken);
        if (outcome.Confirmed)
        {
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, stoppingToken);
            return;
        }

        var attempt = RabbitMqHeaders.AttemptOf(delivery.BasicProperties) + 1;
        var (exchange, routingKey) = attempt <= options.RetryDelays.Length
            ? (options.RetryExchange, options.RetryQueue(attempt))
            : (options.DeadLetterExchange, options.Queue);
        var properties = RabbitMqHeaders.PropertiesFor(envelope, attempt);
        properties.Headers!["x-last-error"] = Truncate(outcome.Error);
        await channel.BasicPublishAsync(exchange, routingKey, mandatory: true, properties, Encoding.UTF8.GetBytes(envelope.Payload), stoppingToken);
        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, stoppingToken);
        if (exchange == options.DeadLetterExchange)
        {
            LogDeadLettered(logger, envelope.EventName, envelope.Id, attempt - 1, outcome.Error);
        }
    }

    private static string Truncate(string? error) => error is null ? "" : error.Length <= 500 ? error : error[..500];

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming events from RabbitMQ queue {Queue}")]
    private static partial void LogConsuming(ILogger logger, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The RabbitMQ consumer stopped; reconnecting")]
    private static partial void LogConsumerDown(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event {EventName} {EventId} failed after {Retries} retries and went to the dead-letter queue: {Error}")]
    private static partial void LogDeadLettered(ILogger logger, string eventName, Guid eventId, int retries, string? error);
}
