using Messaging.EmailQueue;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.EmailQueue;

public sealed class EfCoreEmailQueueAuditRepository(MessagingDbContext db) : IEmailQueueAuditRepository
{
    public void Add(EmailQueueAudit audit) => db.Set<EmailQueueAudit>().Add(audit);

    public async Task<(int Total, IReadOnlyList<EmailQueueAudit> Page)> ListAsync(IReadOnlyCollection<string> subjects, int skip, int take,
        CancellationToken cancellationToken = default)
    {
        var query = db.Set<EmailQueueAudit>().AsNoTracking().Where(a => subjects.Contains(a.Subject));
        var total = await query.CountAsync(cancellationToken);
        var page = await query.OrderByDescending(a => a.At).ThenBy(a => a.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return (total, page);
    }
}
