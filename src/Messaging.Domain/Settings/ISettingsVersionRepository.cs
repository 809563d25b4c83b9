namespace Messaging.Settings;

/// <summary>The stored versions of one module's runtime settings; the database is their source of truth for every instance.</summary>
public interface ISettingsVersionRepository<TVersion>
    where TVersion : SettingsVersion
{
    /// <summary>The newest version number, 0 when none was stored; cheap enough to poll.</summary>
    Task<int> GetLatestVersionNumberAsync(CancellationToken cancellationToken = default);

    Task<TVersion?> FindLatestAsync(CancellationToken cancellationToken = default);

    Task<TVersion?> FindAsync(int version, CancellationToken cancellationToken = default);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<TVersion>> GetHistoryAsync(int skip, int take, CancellationToken cancellationToken = default);

    Task<int> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores a new version; false when another change took that version number first.</summary>
    Task<bool> TryInsertAsync(TVersion version, CancellationToken cancellationToken = default);
}
