using Messaging.EmailQueue;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.EmailQueue;

public sealed class EfCoreSmtpSettingsRepository(MessagingDbContext db) : ISmtpSettingsRepository
{
    public Task<SmtpSettings?> FindAsync(CancellationToken cancellationToken = default) =>
        db.Set<SmtpSettings>().FirstOrDefaultAsync(cancellationToken);

    public void Add(SmtpSettings settings) => db.Set<SmtpSettings>().Add(settings);

    public void Remove(SmtpSettings settings) => db.Set<SmtpSettings>().Remove(settings);
}
