namespace Messaging.EmailQueue;

/// <summary>The current tenant's suppression list.</summary>
public interface IEmailSuppressionRepository
{
    Task<bool> IsSuppressedAsync(string address, CancellationToken cancellationToken = default);

    /// <summary>Adds the address unless it is listed already; joins the scope's unit of work.</summary>
    Task AddAsync(EmailSuppression suppression, CancellationToken cancellationToken = default);

    Task<(int Total, IReadOnlyList<EmailSuppression> Page)> ListAsync(string? address, int skip, int take, CancellationToken cancellationToken = default);

    /// <returns>Whether the address was listed.</returns>
    Task<bool> RemoveAsync(string address, CancellationToken cancellationToken = default);
}
