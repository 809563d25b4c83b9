namespace Messaging.Messages.Settings;

/// <summary>The stored versions of the runtime settings; the database is their source of truth for every instance.</summary>
public interface IHighThroughputSettingsRepository
{
    /// <summary>The newest version number, 0 when none was stored; cheap enough to poll.</summary>
    Task<int> GetLatestVersionNumberAsync(CancellationToken cancellationToken = default);

    Task<HighThroughputSettingsVersion?> FindLatestAsync(CancellationToken cancellationToken = default);

    Task<HighThroughputSettingsVersion?> FindAsync(int version, CancellationToken cancellationToken = default);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<HighThroughputSettingsVersion>> GetHistoryAsync(int skip, int take, CancellationToken cancellationToken = default);

    Task<int> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores a new version; false when another change took that version number first.</summary>
    Task<bool> TryInsertAsync(HighThroughputSettingsVersion version, CancellationToken cancellationToken = default);
}
