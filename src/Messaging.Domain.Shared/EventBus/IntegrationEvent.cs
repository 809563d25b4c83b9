namespace Messaging.EventBus;

/// <summary>
/// An event that crosses module or process boundaries (an ABP "Eto"). It names its tenant and the request it
/// came from, so handlers act for the right tenant and logs can be followed end to end.
/// </summary>
public abstract record IntegrationEvent
{
    public Guid EventId { get; init; } = Guid.CreateVersion7();

    public Guid? TenantId { get; init; }

    public string? CorrelationId { get; init; }

    public DateTime OccurredAt { get; init; } = DateTime.UtcNow;
}

/// <summary>The event's stable name on the wire; renaming the class must not break queued events.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
