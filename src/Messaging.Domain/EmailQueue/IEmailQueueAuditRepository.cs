namespace Messaging.EmailQueue;

/// <summary>The current tenant's email queue audit; writes join the scope's unit of work.</summary>
public interface IEmailQueueAuditRepository
{
    void Add(EmailQueueAudit audit);

    /// <summary>Newest first, only the given subjects.</summary>
    Task<(int Total, IReadOnlyList<EmailQueueAudit> Page)> ListAsync(IReadOnlyCollection<string> subjects, int skip, int take,
        CancellationToken cancellationToken = default);
}
