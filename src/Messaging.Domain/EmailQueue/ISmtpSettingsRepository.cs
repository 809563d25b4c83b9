namespace Messaging.EmailQueue;

/// <summary>The current tenant's SMTP settings; writes join the scope's unit of work.</summary>
public interface ISmtpSettingsRepository
{
    Task<SmtpSettings?> FindAsync(CancellationToken cancellationToken = default);

    void Add(SmtpSettings settings);

    void Remove(SmtpSettings settings);
}
