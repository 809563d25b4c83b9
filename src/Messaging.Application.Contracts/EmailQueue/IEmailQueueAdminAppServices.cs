using Messaging.Dtos;

namespace Messaging.EmailQueue;

/// <summary>The current tenant's SMTP server; without one, mail is written to the embedded pickup folder.</summary>
public interface IEmailSmtpSettingsAppService
{
    Task<SmtpSettingsDto> GetAsync(CancellationToken cancellationToken = default);

    Task<SmtpSettingsDto> SetAsync(SetSmtpSettingsDto input, CancellationToken cancellationToken = default);

    Task DeleteAsync(CancellationToken cancellationToken = default);
}

/// <summary>The current tenant's dead letters: listed with filters, replayed one by one or as a selection.</summary>
public interface IEmailDeadLetterAppService
{
    Task<PagedResultDto<EmailEventDto>> GetListAsync(GetEmailDeadLettersInput input, CancellationToken cancellationToken = default);

    Task<EmailEventDto> ReplayAsync(Guid id, CancellationToken cancellationToken = default);

    Task<ReplayEmailEventsResultDto> ReplayManyAsync(ReplayEmailEventsDto input, CancellationToken cancellationToken = default);
}

/// <summary>The current tenant's suppressed addresses.</summary>
public interface IEmailSuppressionAppService
{
    Task<PagedResultDto<EmailSuppressionDto>> GetListAsync(GetEmailSuppressionsInput input, CancellationToken cancellationToken = default);

    Task DeleteAsync(string address, CancellationToken cancellationToken = default);
}
