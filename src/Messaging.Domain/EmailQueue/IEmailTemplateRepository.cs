namespace Messaging.EmailQueue;

/// <summary>The current tenant's templates; writes join the scope's unit of work.</summary>
public interface IEmailTemplateRepository
{
    /// <summary>Every template the tenant saved, without their versions.</summary>
    Task<IReadOnlyList<EmailTemplate>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The template of one type with all its versions, tracked for a change.</summary>
    Task<EmailTemplate?> FindAsync(EmailEventType type, CancellationToken cancellationToken = default);

    /// <summary>The content emails of this type render with, or null while the tenant sends the shipped default.</summary>
    Task<EmailTemplateVersion?> FindActiveVersionAsync(EmailEventType type, CancellationToken cancellationToken = default);

    void Add(EmailTemplate template);

    void RemoveVersions(IEnumerable<EmailTemplateVersion> versions);
}
