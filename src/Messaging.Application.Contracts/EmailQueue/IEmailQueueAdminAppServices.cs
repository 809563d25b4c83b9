using Messaging.Dtos;

namespace Messaging.EmailQueue;

/// <summary>The current tenant's SMTP server; without one, mail is written to the embedded pickup folder.</summary>
public interface IEmailSmtpSettingsAppService
{
    Task<SmtpSettingsDto> GetAsync(CancellationToken cancellationToken = default);

    Task<SmtpSettingsDto> SetAsync(SetSmtpSettingsDto input, CancellationToken cancellationToken = default);

    Task DeleteAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// The current tenant's dead letters: listed with filters; replayed one (optionally corrected), as a selection or
/// everything a filter matches, at a paced rate; purged by ids or filter; every replay and purge audited.
/// </summary>
public interface IEmailDeadLetterAppService
{
    Task<PagedResultDto<EmailEventDto>> GetListAsync(GetEmailDeadLettersInput input, CancellationToken cancellationToken = default);

    Task<EmailEventDto> ReplayAsync(Guid id, ReplayEmailDeadLetterDto? input = null, CancellationToken cancellationToken = default);

    Task<ReplayEmailEventsResultDto> ReplayManyAsync(ReplayEmailEventsDto input, CancellationToken cancellationToken = default);

    Task<ReplayEmailEventsResultDto> ReplayMatchingAsync(ReplayMatchingEmailDeadLettersDto input, CancellationToken cancellationToken = default);

    Task<PurgeEmailDeadLettersResultDto> PurgeAsync(PurgeEmailDeadLettersDto input, CancellationToken cancellationToken = default);

    Task<PurgeEmailDeadLettersResultDto> PurgeMatchingAsync(EmailDeadLetterFilterDto input, CancellationToken cancellationToken = default);

    Task<PagedResultDto<EmailDeadLetterAuditDto>> GetAuditAsync(GetEmailDeadLetterAuditInput input, CancellationToken cancellationToken = default);
}

/// <summary>The current tenant's suppressed addresses.</summary>
public interface IEmailSuppressionAppService
{
    Task<PagedResultDto<EmailSuppressionDto>> GetListAsync(GetEmailSuppressionsInput input, CancellationToken cancellationToken = default);

    Task DeleteAsync(string address, CancellationToken cancellationToken = default);
}
