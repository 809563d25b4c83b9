namespace Messaging.EmailQueue;

/// <summary>The current tenant's own email templates: versions, activation (rollback), reset and preview.</summary>
public interface IEmailTemplateAppService
{
    Task<IReadOnlyList<EmailTemplateSummaryDto>> GetListAsync(CancellationToken cancellationToken = default);

    Task<EmailTemplateDto> GetAsync(string type, CancellationToken cancellationToken = default);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<EmailTemplateVersionDto>> GetVersionsAsync(string type, CancellationToken cancellationToken = default);

    Task<EmailTemplateVersionDto> GetVersionAsync(string type, Guid versionId, CancellationToken cancellationToken = default);

    /// <summary>Checks the content, stores it as the next version and activates it.</summary>
    Task<EmailTemplateDto> SaveAsync(string type, SaveEmailTemplateDto input, CancellationToken cancellationToken = default);

    Task<EmailTemplateDto> ActivateAsync(string type, Guid versionId, ChangeEmailTemplateDto input, CancellationToken cancellationToken = default);

    Task<EmailTemplateDto> ResetAsync(string type, ChangeEmailTemplateDto input, CancellationToken cancellationToken = default);

    Task<EmailPreviewDto> PreviewAsync(string type, PreviewEmailTemplateDto input, CancellationToken cancellationToken = default);
}
