using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;

namespace Messaging.EmailQueue;

/// <summary>
/// The tenant's SMTP server. <c>password</c>: leave it out to keep the stored one, an empty string to remove it; it is
/// never echoed.
/// </summary>
public sealed class SetSmtpSettingsDto
{
    [Required]
    public string? Host { get; set; }

    [Required]
    public int? Port { get; set; }

    /// <summary><c>Auto</c> (STARTTLS when offered) when left out.</summary>
    public SmtpTlsMode? TlsMode { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender of the tenant's mail; the deployment's <c>EmailQueue:DefaultFrom</c> when left out.</summary>
    public string? From { get; set; }
}

public sealed record SmtpSettingsDto(string Host, int Port, SmtpTlsMode TlsMode, string? UserName, bool HasPassword, string? From, DateTime UpdatedAt);

public sealed record EmailSuppressionDto(string Address, Guid EmailEventId, string? Reason, DateTime CreatedAt);

public sealed class GetEmailSuppressionsInput
{
    public string? Address { get; set; }

    public int SkipCount { get; set; }

    public int MaxResultCount { get; set; } = 50;
}

/// <summary>Which dead letters to list: every filter is optional; <c>code</c> matches the reply code or the enhanced status code.</summary>
public sealed class GetEmailDeadLettersInput
{
    public EmailEventType? Type { get; set; }

    public EmailErrorClass? ErrorClass { get; set; }

    public string? Code { get; set; }

    public DateTime? From { get; set; }

    public DateTime? To { get; set; }

    public int SkipCount { get; set; }

    public int MaxResultCount { get; set; } = 50;
}

/// <summary>
/// The dead letters to replay, by id (at most 1,000), paced at <c>ratePerSecond</c> events per second (at most
/// <c>EmailQueue:MaxDeadLetterReplayRate</c>; <c>EmailQueue:DeadLetterReplayRate</c> when left out).
/// </summary>
public sealed record ReplayEmailEventsDto(IReadOnlyList<Guid>? Ids, double? RatePerSecond = null);

/// <summary>
/// How many dead letters are queued again, and when the last of them is due: the first is due at once, each next one
/// a <c>1/ratePerSecond</c> later; null when none was replayed.
/// </summary>
public sealed record ReplayEmailEventsResultDto(int Replayed, DateTime? LastDueAt = null);

/// <summary>
/// Which dead letters a replay or purge takes: the filters of the list (each optional; <c>{}</c> takes every dead
/// letter of the tenant). <c>from</c> is inclusive, <c>to</c> exclusive, both on the time they were dead-lettered.
/// </summary>
public class EmailDeadLetterFilterDto
{
    public EmailEventType? Type { get; set; }

    public EmailErrorClass? ErrorClass { get; set; }

    public string? Code { get; set; }

    public DateTime? From { get; set; }

    public DateTime? To { get; set; }
}

/// <summary>Replays every dead letter the filter matches, oldest first, paced at <c>ratePerSecond</c> as a replay by ids.</summary>
public sealed class ReplayMatchingEmailDeadLettersDto : EmailDeadLetterFilterDto
{
    public double? RatePerSecond { get; set; }
}

/// <summary>
/// A dead letter's corrections before its replay, both optional: <c>payload</c> replaces the whole payload (the
/// contract of the event's type, validated as on publishing), <c>recipient</c> replaces its <c>to</c>.
/// </summary>
public sealed record ReplayEmailDeadLetterDto(string? Recipient = null, JsonObject? Payload = null);

/// <summary>The dead letters to delete, by id (at most 1,000).</summary>
public sealed record PurgeEmailDeadLettersDto(IReadOnlyList<Guid>? Ids);

public sealed record PurgeEmailDeadLettersResultDto(int Purged);

public sealed class GetEmailDeadLetterAuditInput
{
    public int SkipCount { get; set; }

    public int MaxResultCount { get; set; } = 50;
}

/// <param name="Action"><c>Replayed</c> or <c>Purged</c>.</param>
/// <param name="EmailEventId">The dead letter of a replay of one; null for a selection or a filter.</param>
/// <param name="ChangedBy">The API key or user that asked; <c>changedByName</c> is its name.</param>
/// <param name="Request">What was asked, as JSON: <c>ids</c> or <c>filter</c>, <c>ratePerSecond</c>, <c>recipient</c> and <c>payload</c> corrections.</param>
/// <param name="Count">How many dead letters were replayed or purged.</param>
public sealed record EmailDeadLetterAuditDto(Guid Id, string Action, Guid? EmailEventId, Guid? ChangedBy, string? ChangedByName, string? Request,
    int Count, DateTime At);
