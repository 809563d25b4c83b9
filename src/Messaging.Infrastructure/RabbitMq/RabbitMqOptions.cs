using Microsoft.Extensions.Configuration;

namespace Messaging.Infrastructure.RabbitMq;

/// <summary>
/// ABP's configuration names, so ABP applications can bring their settings: <c>RabbitMQ:Connections:Default:*</c>
/// and <c>RabbitMQ:EventBus:ClientName|ExchangeName</c>. No host name means the in-process transport.
/// </summary>
public sealed class RabbitMqOptions
{
    public string HostName { get; init; } = "";
    public int Port { get; init; } = 5672;
    public string UserName { get; init; } = "guest";
    public string Password { get; init; } = "guest";
    public string VirtualHost { get; init; } = "/";

    /// <summary>The consuming role's queue; instances with the same name share the work.</summary>
    public string ClientName { get; init; } = "Messaging";

    public string ExchangeName { get; init; } = "Messaging";

    /// <summary>Unacknowledged deliveries one consumer holds at a time.</summary>
    public ushort PrefetchCount { get; init; } = 32;

    /// <summary>Waits before each redelivery of a failed event; after the last, it goes to the dead-letter queue.</summary>
    public TimeSpan[] RetryDelays { get; init; } = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(25)];

    public string Queue => ClientName;
    public string RetryExchange => ExchangeName + ".retry";
    public string DeadLetterExchange => ExchangeName + ".dead";
    public string DeadLetterQueue => ClientName + ".dead";

    public string RetryQueue(int attempt) => $"{ClientName}.retry.{attempt}";

    public static RabbitMqOptions? From(IConfiguration configuration)
    {
        var connection = configuration.GetSection("RabbitMQ:Connections:Default");
        var hostName = connection["HostName"];
        if (string.IsNullOrWhiteSpace(hostName))
        {
            return null;
        }

        var eventBus = configuration.GetSection("RabbitMQ:EventBus");
        var delays = eventBus.GetSection("RetryDelays").Get<TimeSpan[]>();
        return new RabbitMqOptions
        {
            HostName = hostName,
            Port = connection.GetValue("Port", 5672),
            UserName = connection["UserName"] ?? "guest",
            Password = connection["Password"] ?? "guest",
            VirtualHost = connection["VirtualHost"] ?? "/",
            ClientName = eventBus["ClientName"] ?? "Messaging",
            ExchangeName = eventBus["ExchangeName"] ?? "Messaging",
            PrefetchCount = eventBus.GetValue<ushort>("PrefetchCount", 32),
            RetryDelays = delays is { Length: > 0 } ? delays : [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(25)]
        };
    }
}
