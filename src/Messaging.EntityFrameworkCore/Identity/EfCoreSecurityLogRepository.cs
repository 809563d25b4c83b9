using Messaging.Identity;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.Identity;

public sealed class EfCoreSecurityLogRepository(MessagingDbContext db) : ISecurityLogRepository
{
    public async Task AddAsync(SecurityLogEntry entry, CancellationToken cancellationToken = default)
    {
        db.Set<SecurityLogEntry>().Add(entry);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<(IReadOnlyList<SecurityLogEntry> Items, int TotalCount)> GetListAsync(int skip, int take, CancellationToken cancellationToken = default)
    {
        var entries = db.Set<SecurityLogEntry>().AsNoTracking();
        var total = await entries.CountAsync(cancellationToken);
        var page = await entries.OrderByDescending(entry => entry.CreatedAt).ThenByDescending(entry => entry.Id)
            .Skip(skip).Take(take).ToListAsync(cancellationToken);
        return (page, total);
    }
}
