using Messaging.Settings;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.Settings;

public sealed class EfCoreSettingsVersionRepository<TVersion>(MessagingDbContext db) : ISettingsVersionRepository<TVersion>
    where TVersion : SettingsVersion
{
    private DbSet<TVersion> Versions => db.Set<TVersion>();

    public async Task<int> GetLatestVersionNumberAsync(CancellationToken cancellationToken = default) =>
        await Versions.MaxAsync(v => (int?)v.Version, cancellationToken) ?? 0;

    public Task<TVersion?> FindLatestAsync(CancellationToken cancellationToken = default) =>
        Versions.AsNoTracking().OrderByDescending(v => v.Version).FirstOrDefaultAsync(cancellationToken);

    public Task<TVersion?> FindAsync(int version, CancellationToken cancellationToken = default) =>
        Versions.AsNoTracking().FirstOrDefaultAsync(v => v.Version == version, cancellationToken);

    public async Task<IReadOnlyList<TVersion>> GetHistoryAsync(int skip, int take, CancellationToken cancellationToken = default) =>
        await Versions.AsNoTracking().OrderByDescending(v => v.Version).Skip(skip).Take(take).ToListAsync(cancellationToken);

    public Task<int> CountAsync(CancellationToken cancellationToken = default) => Versions.CountAsync(cancellationToken);

    public Task<bool> TryInsertAsync(TVersion version, CancellationToken cancellationToken = default) => db.TryInsertAsync(version, cancellationToken);
}
