namespace Messaging.EventBus;

/// <summary>An event the relay parked because it can never be delivered as it is (unknown type, unreadable payload).</summary>
public sealed record ParkedEventDto(
    Guid Id,
    string EventName,
    Guid? TenantId,
    string? CorrelationId,
    DateTime CreatedAt,
    DateTime ParkedAt,
    int FailedAttempts,
    string? LastError);

/// <summary>Which parked events to list or replay; every criterion given must match, none given matches all.</summary>
/// <param name="ParkedFrom">Parked at or after (UTC).</param>
/// <param name="ParkedBefore">Parked before (UTC).</param>
public sealed record ParkedEventFilterDto(string? EventName = null, Guid? TenantId = null, DateTime? ParkedFrom = null, DateTime? ParkedBefore = null);

public sealed record ReplayedEventsDto(int Replayed);
