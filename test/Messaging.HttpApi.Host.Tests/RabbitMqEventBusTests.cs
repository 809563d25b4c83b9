using System.Net;
using System.Text;
using System.Text.Json;
using Messaging.Messages;
using Messaging.Messages.Events;
using Messaging.ProviderEmulator;
using Messaging.TestSupport;
using RabbitMQ.Client;

namespace Messaging;

/// <summary>The event bus on a real RabbitMQ: outbox to exchange to the worker's queue, retries and dead letters.</summary>
[Collection(RabbitMqCollection.Name)]
public class RabbitMqEventBusTests
{
    [Fact]
    public async Task AcceptedMessage_TravelsThroughRabbitMq_AndIsDispatched()
    {
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File, RabbitMqTestServer.SettingsFor("accepted"));
        await host.RaiseDemoTenantLimitsAsync();
        using var tenant = host.Client(HostProcess.DemoTenantKey);

        var trackingId = await tenant.SendAcceptedAsync(Api.Sms("through the broker"));

        await Eventually.TrueAsync(async () => await StatusAsync(tenant, trackingId) == "Sent", TimeSpan.FromSeconds(20), "the message is sent");
        host.Output.ShouldContain("Consuming events from RabbitMQ queue");
    }

    [Fact]
    public async Task AcceptedMessage_TraceCrossesTheBroker_FromItsRequestToTheProviderCall()
    {
        await using var collector = new OtlpCollector();
        await using var emulator = await EmulatorServer.StartAsync(MessageTrace.ProviderEmulatorOptions);
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File, MessageTrace.HostSettings(collector, RabbitMqTestServer.SettingsFor("traced")));

        var trace = await MessageTrace.SendAndFollowAsync(host, emulator, collector);

        trace.ShouldBeOneChain("rabbitmq", emulator.BaseAddress);
    }

    [Fact]
    public async Task PoisonEvent_LandsInTheDeadLetterQueueAfterItsRetries_AndTheQueueKeepsFlowing()
    {
        using var database = new TestDatabase();
        var settings = RabbitMqTestServer.SettingsFor("poison");
        await using var host = await HostProcess.StartAsync(database.File, settings);
        await host.RaiseDemoTenantLimitsAsync();
        await using var connection = await ConnectAsync(settings);
        await using var channel = await connection.CreateChannelAsync();
        var exchange = settings["RabbitMQ__EventBus__ExchangeName"];
        var deadQueue = settings["RabbitMQ__EventBus__ClientName"] + ".dead";
        await Eventually.TrueAsync(async () => await QueueExistsAsync(connection, deadQueue), TimeSpan.FromSeconds(20), "the topology is declared");

        // Announces a message that no database holds: its handler fails every time.
        var poison = new MessageAcceptedEto(Guid.CreateVersion7(), MessageChannel.Sms, MessagePriority.Normal, DateTime.UtcNow) { TenantId = Guid.NewGuid() };
        await channel.BasicPublishAsync(exchange, "messages.message-accepted", mandatory: true,
            new BasicProperties { MessageId = poison.EventId.ToString(), Type = "messages.message-accepted", DeliveryMode = DeliveryModes.Persistent },
            Encoding.UTF8.GetBytes(JsonSerializer.Serialize(poison, Api.Json)));
        using var tenant = host.Client(HostProcess.DemoTenantKey);
        var healthy = await tenant.SendAcceptedAsync(Api.Sms("after the poison"));

        await Eventually.TrueAsync(async () => await StatusAsync(tenant, healthy) == "Sent", TimeSpan.FromSeconds(20), "the healthy message is sent");
        BasicGetResult? dead = null;
        await Eventually.TrueAsync(async () => (dead = await channel.BasicGetAsync(deadQueue, autoAck: true)) is not null,
            TimeSpan.FromSeconds(20), "the poison event is dead-lettered");
        dead!.BasicProperties.MessageId.ShouldBe(poison.EventId.ToString());
        Convert.ToInt32(dead.BasicProperties.Headers!["x-attempt"]).ShouldBe(3);
        host.Output.ShouldContain("went to the dead-letter queue");
    }

    private static async Task<string> StatusAsync(HttpClient tenant, Guid trackingId)
    {
        using var response = await tenant.GetAsync($"api/app/message/{trackingId}/status");
        return (await response.JsonAsync(HttpStatusCode.OK))["status"]!.GetValue<string>();
    }

    private static Task<IConnection> ConnectAsync(Dictionary<string, string> settings) =>
        new ConnectionFactory
        {
            HostName = settings["RabbitMQ__Connections__Default__HostName"],
            Port = int.Parse(settings["RabbitMQ__Connections__Default__Port"]),
            UserName = settings["RabbitMQ__Connections__Default__UserName"],
            Password = settings["RabbitMQ__Connections__Default__Password"]
        }.CreateConnectionAsync();

    private static async Task<bool> QueueExistsAsync(IConnection connection, string queue)
    {
        try
        {
            await using var probe = await connection.CreateChannelAsync();
            await probe.QueueDeclarePassiveAsync(queue);
            return true;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return false;
        }
    }
}
