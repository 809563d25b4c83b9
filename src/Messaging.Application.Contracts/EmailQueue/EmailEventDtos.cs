using System.Text.Json.Nodes;

namespace Messaging.EmailQueue;

/// <summary>
/// An email event to publish: its type and the payload contract of that type (for example, for <c>Welcome</c>,
/// <c>{"to": "someone@example.com", "name": "Ada"}</c>).
/// </summary>
public sealed record PublishEmailEventDto(EmailEventType? Type, JsonObject? Payload);

/// <param name="Status">The event's status when answered: <c>Queued</c> for a new event; a repeated idempotency key answers the stored event's.</param>
public sealed record EmailEventAcceptedDto(Guid Id, EmailEventStatus Status, DateTime AcceptedAt);

public sealed record EmailEventDto(
    Guid Id,
    EmailEventType Type,
    EmailEventStatus Status,
    string Recipient,
    DateTime AcceptedAt,
    DateTime? CompletedAt,
    DateTime? NextAttemptAt,
    EmailErrorClass? LastErrorClass,
    string? LastReplyCode,
    string? LastEnhancedCode,
    IReadOnlyList<EmailAttemptDto> Attempts);

public sealed record EmailAttemptDto(int Number, DateTime StartedAt, int DurationMs, EmailErrorClass? ErrorClass, string? ReplyCode,
    string? EnhancedCode, string? ServerAnswer);

/// <summary>
/// The tenant's queue by event type, or for the host's operators every tenant's and the host's own mail by tenant and
/// type; types without unfinished events or dead letters are left out.
/// </summary>
public sealed record EmailQueueStatusDto(DateTime MeasuredAt, IReadOnlyList<EmailQueueTypeStatusDto> Types);

/// <param name="Waiting">Due now, not yet taken by a worker.</param>
/// <param name="Scheduled">Waiting for a retry or after throttling.</param>
/// <param name="InFlight">Being sent.</param>
/// <param name="OldestWaitingAgeSeconds">Age of the oldest unfinished event, 0 when there is none.</param>
/// <param name="TenantId">The tenant whose queue this is; null for the host's own mail (host accounts' emails).</param>
public sealed record EmailQueueTypeStatusDto(EmailEventType Type, int Waiting, int Scheduled, int InFlight, int DeadLetters, double OldestWaitingAgeSeconds,
    Guid? TenantId);
