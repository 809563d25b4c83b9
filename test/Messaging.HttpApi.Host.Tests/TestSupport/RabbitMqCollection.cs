namespace Messaging.TestSupport;

/// <summary>Tests on the shared RabbitMQ run one after another: one of them stops and starts the broker.</summary>
[CollectionDefinition(Name)]
public sealed class RabbitMqCollection
{
    public const string Name = "shared RabbitMQ";
}
