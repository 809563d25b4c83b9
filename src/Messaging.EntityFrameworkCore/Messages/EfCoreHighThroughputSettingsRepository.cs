using Messaging.Messages.Settings;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.Messages;

public sealed class EfCoreHighThroughputSettingsRepository(MessagingDbContext db) : IHighThroughputSettingsRepository
{
    public async Task<int> GetLatestVersionNumberAsync(CancellationToken cancellationToken = default) =>
        await db.HighThroughputSettingsVersions.MaxAsync(v => (int?)v.Version, cancellationToken) ?? 0;

    public Task<HighThroughputSettingsVersion?> FindLatestAsync(CancellationToken cancellationToken = default) =>
        db.HighThroughputSettingsVersions.AsNoTracking().OrderByDescending(v => v.Version).FirstOrDefaultAsync(cancellationToken);

    public Task<HighThroughputSettingsVersion?> FindAsync(int version, CancellationToken cancellationToken = default) =>
        db.HighThroughputSettingsVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Version == version, cancellationToken);

    public async Task<IReadOnlyList<HighThroughputSettingsVersion>> GetHistoryAsync(int skip, int take, CancellationToken cancellationToken = default) =>
        await db.HighThroughputSettingsVersions.AsNoTracking().OrderByDescending(v => v.Version).Skip(skip).Take(take).ToListAsync(cancellationToken);

    public Task<int> CountAsync(CancellationToken cancellationToken = default) => db.HighThroughputSettingsVersions.CountAsync(cancellationToken);

    public async Task<bool> TryInsertAsync(HighThroughputSettingsVersion version, CancellationToken cancellationToken = default)
    {
        var entry = await db.HighThroughputSettingsVersions.AddAsync(version, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (UniqueViolation.IsUniqueViolation(exception))
        {
            entry.State = EntityState.Detached;
            return false;
        }
    }
}
