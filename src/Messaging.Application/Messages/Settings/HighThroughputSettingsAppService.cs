using Messaging.Dtos;
using Messaging.Settings;
using Microsoft.Extensions.Options;

namespace Messaging.Messages.Settings;

public sealed class HighThroughputSettingsAppService(
    RuntimeSettingsEditor<HighThroughputOptions, HighThroughputSettingsVersion> editor,
    AppliedRuntimeSettings<HighThroughputOptions> applied,
    IOptionsMonitor<HighThroughputOptions> options) : IHighThroughputSettingsAppService
{
    public Task<HighThroughputSettingsDto> GetAsync(CancellationToken cancellationToken = default)
    {
        var current = applied.Current;
        return Task.FromResult(new HighThroughputSettingsDto(current?.Version ?? 0,
            HighThroughputSettings.Document.ToJson(options.CurrentValue), current?.ChangedAt, current?.ChangedBy));
    }

    public async Task<HighThroughputSettingsDto> UpdateAsync(UpdateHighThroughputSettingsDto input, CancellationToken cancellationToken = default) =>
        ToDto(await editor.UpdateAsync(input.Settings, input.ExpectedVersion, cancellationToken));

    public async Task<PagedResultDto<HighThroughputSettingsChangeDto>> GetHistoryAsync(int skipCount = 0, int maxResultCount = 20,
        CancellationToken cancellationToken = default)
    {
        var (total, page) = await editor.GetHistoryAsync(skipCount, maxResultCount, cancellationToken);
        return new PagedResultDto<HighThroughputSettingsChangeDto>(total, page.Select(ToChangeDto).ToList());
    }

    public async Task<HighThroughputSettingsDto> RestoreAsync(int version, RestoreHighThroughputSettingsDto input,
        CancellationToken cancellationToken = default) =>
        ToDto(await editor.RestoreAsync(version, input.ExpectedVersion, cancellationToken));

    private static HighThroughputSettingsDto ToDto(HighThroughputSettingsVersion stored) =>
        new(stored.Version, OptionsDocument<HighThroughputOptions>.Parse(stored.Settings), stored.ChangedAt, stored.ChangedBy);

    private static HighThroughputSettingsChangeDto ToChangeDto(HighThroughputSettingsVersion version) => new(
        version.Version,
        version.ChangedAt,
        version.ChangedBy,
        version.ChangedByKeyId,
        version.PreviousSettings is null ? null : OptionsDocument<HighThroughputOptions>.Parse(version.PreviousSettings),
        OptionsDocument<HighThroughputOptions>.Parse(version.Settings),
        version.RestoredFromVersion);
}
