using Messaging.Dtos;

namespace Messaging.Messages.Settings;

/// <summary>
/// The host admin's view and control of the <c>HighThroughput</c> settings at runtime: every change is validated first,
/// stored as a new version with who made it, and applied on every instance without a restart.
/// </summary>
public interface IHighThroughputSettingsAppService
{
    /// <summary>The settings this instance runs with, and the stored version they come from (0: configuration only).</summary>
    Task<HighThroughputSettingsDto> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the whole settings document; every setting must be given.</summary>
    Task<HighThroughputSettingsDto> UpdateAsync(UpdateHighThroughputSettingsDto input, CancellationToken cancellationToken = default);

    /// <summary>The stored versions, newest first: who changed what, when, from what.</summary>
    Task<PagedResultDto<HighThroughputSettingsChangeDto>> GetHistoryAsync(int skipCount = 0, int maxResultCount = 20,
        CancellationToken cancellationToken = default);

    /// <summary>Stores a new version equal to an earlier one, and applies it.</summary>
    Task<HighThroughputSettingsDto> RestoreAsync(int version, RestoreHighThroughputSettingsDto input, CancellationToken cancellationToken = default);
}
