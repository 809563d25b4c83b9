using System.Text.Json.Nodes;

namespace Messaging.EmailQueue;

/// <summary>
/// An email event to publish: its type and the payload contract of that type (for example, for <c>Welcome</c>,
/// <c>{"to": "someone@example.com", "name": "Ada"}</c>).
/// </summary>
public sealed record PublishEmailEventDto(EmailEventType? Type, JsonObject? Payload);

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
