using System.ComponentModel.DataAnnotations;

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

/// <summary>The dead letters to replay, by id (at most 1,000).</summary>
public sealed record ReplayEmailEventsDto(IReadOnlyList<Guid>? Ids);

/// <summary>How many of the named events were dead letters and are queued again.</summary>
public sealed record ReplayEmailEventsResultDto(int Replayed);
