using Messaging.EventBus;
using Messaging.Messages;

// Deliberate breaches of the domain rules, for the guards of DomainRuleTests.
namespace Messaging.ArchitectureTests.DomainRuleViolations;

/// <summary>An event whose values can change after it was raised.</summary>
public sealed record ChangeableEto : IntegrationEvent
{
    public string? Reason { get; set; }
}

/// <summary>An event that is no record: no value equality, no <c>with</c>, nothing that says it is a value.</summary>
public sealed class ClassEto
{
    public Guid MessageId { get; init; }
}

/// <summary>An entity whose state anyone may set, past the methods that keep its invariants.</summary>
public sealed class EntityWithPublicSetter
{
    public Guid Id { get; private set; }

    public MessageStatus Status { get; set; }
}
