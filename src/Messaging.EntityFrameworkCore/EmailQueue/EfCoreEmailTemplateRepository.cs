using Messaging.EmailQueue;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.EmailQueue;

public sealed class EfCoreEmailTemplateRepository(MessagingDbContext db) : IEmailTemplateRepository
{
    private DbSet<EmailTemplate> Templates => db.Set<EmailTemplate>();

    public async Task<IReadOnlyList<EmailTemplate>> ListAsync(CancellationToken cancellationToken = default) =>
        await Templates.AsNoTracking().ToListAsync(cancellationToken);

    public Task<EmailTemplate?> FindAsync(EmailEventType type, CancellationToken cancellationToken = default) =>
        Templates.Include(t => t.Versions).SingleOrDefaultAsync(t => t.Type == type, cancellationToken);

    public Task<EmailTemplateVersion?> FindActiveVersionAsync(EmailEventType type, CancellationToken cancellationToken = default) =>
        Templates.AsNoTracking().Where(t => t.Type == type && t.ActiveNumber != null)
            .SelectMany(t => t.Versions.Where(v => v.Number == t.ActiveNumber))
            .SingleOrDefaultAsync(cancellationToken);

    public void Add(EmailTemplate template) => Templates.Add(template);

    public void RemoveVersions(IEnumerable<EmailTemplateVersion> versions) => db.Set<EmailTemplateVersion>().RemoveRange(versions);
}
