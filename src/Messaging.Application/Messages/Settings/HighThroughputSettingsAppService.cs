using System.Text.Json.Nodes;
using Messaging.Backplane;
using Messaging.Dtos;
using Messaging.ExceptionHandling;
using Messaging.Users;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Messages.Settings;

public sealed partial class HighThroughputSettingsAppService(
    IHighThroughputSettingsRepository versions,
    HighThroughputSettingsApplier applier,
    AppliedHighThroughputSettings applied,
    IOptionsMonitor<HighThroughputOptions> options,
    IBackplane backplane,
    ICurrentUser currentUser,
    TimeProvider clock,
    ILogger<HighThroughputSettingsAppService> logger) : IHighThroughputSettingsAppService
{
    public Task<HighThroughputSettingsDto> GetAsync(CancellationToken cancellationToken = default)
    {
        var current = applied.Current;
        return Task.FromResult(new HighThroughputSettingsDto(current?.Version ?? 0,
            HighThroughputSettingsDocument.ToJson(options.CurrentValue), current?.ChangedAt, current?.ChangedBy));
    }

    public async Task<HighThroughputSettingsDto> UpdateAsync(UpdateHighThroughputSettingsDto input, CancellationToken cancellationToken = default)
    {
        if (input.Settings is null)
        {
            throw new InputValidationException(new Dictionary<string, string[]>
            {
                ["settings"] = ["The settings document is required (GET it, change what you need, PUT it back)."]
            });
        }

        var settings = Checked(input.Settings);
        return await StoreAsync(settings, input.ExpectedVersion, restoredFrom: null, cancellationToken);
    }

    public async Task<PagedResultDto<HighThroughputSettingsChangeDto>> GetHistoryAsync(int skipCount = 0, int maxResultCount = 20,
        CancellationToken cancellationToken = default)
    {
        if (skipCount < 0 || maxResultCount is < 1 or > 100)
        {
            throw new InputValidationException(new Dictionary<string, string[]>
            {
                ["maxResultCount"] = ["skipCount must be 0 or more and maxResultCount between 1 and 100."]
            });
        }

        var total = await versions.CountAsync(cancellationToken);
        var page = await versions.GetHistoryAsync(skipCount, maxResultCount, cancellationToken);
        return new PagedResultDto<HighThroughputSettingsChangeDto>(total, page.Select(ToChangeDto).ToList());
    }

    public async Task<HighThroughputSettingsDto> RestoreAsync(int version, RestoreHighThroughputSettingsDto input,
        CancellationToken cancellationToken = default)
    {
        var earlier = await versions.FindAsync(version, cancellationToken)
            ?? throw new EntityNotFoundException("Settings version", version);
        // Checked again: the validators of today decide, not those of the day it was stored.
        var settings = Checked(HighThroughputSettingsDocument.Parse(earlier.Settings));
        return await StoreAsync(settings, input.ExpectedVersion, restoredFrom: version, cancellationToken);
    }

    private HighThroughputOptions Checked(JsonObject document) =>
        applier.Check(document, out var errors)
        ?? throw new SettingsValidationException(errors.ToDictionary(error => error.Key, error => error.Value.ToArray()));

    private async Task<HighThroughputSettingsDto> StoreAsync(HighThroughputOptions settings, int? expectedVersion, int? restoredFrom,
        CancellationToken cancellationToken)
    {
        var latest = await versions.FindLatestAsync(cancellationToken);
        var currentVersion = latest?.Version ?? 0;
        if (expectedVersion is { } expected && expected != currentVersion)
        {
            throw new ConflictException(
                $"The settings are at version {currentVersion}, not {expected}: someone changed them meanwhile. GET them again and reapply your change.");
        }

        var stored = new HighThroughputSettingsVersion(
            currentVersion + 1,
            HighThroughputSettingsDocument.ToJsonString(settings),
            // The first version records what configuration gave before it.
            latest?.Settings ?? HighThroughputSettingsDocument.ToJsonString(options.CurrentValue),
            clock.GetUtcNow().UtcDateTime,
            currentUser.Id,
            currentUser.Name ?? currentUser.Id?.ToString() ?? "unknown",
            restoredFrom);
        if (!await versions.TryInsertAsync(stored, cancellationToken))
        {
            throw new ConflictException("Another change to the settings was stored at the same moment. GET them again and reapply your change.");
        }

        LogChanged(logger, stored.Version, stored.ChangedBy, restoredFrom);
        // Effective here before the answer; everywhere else through the backplane, or the poll if that message is lost.
        applier.Apply(stored);
        try
        {
            await backplane.PublishAsync(HighThroughputSettingsLoader.ChangedChannel, stored.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogAnnounceFailed(logger, exception, stored.Version);
        }

        return new HighThroughputSettingsDto(stored.Version, HighThroughputSettingsDocument.Parse(stored.Settings), stored.ChangedAt, stored.ChangedBy);
    }

    private static HighThroughputSettingsChangeDto ToChangeDto(HighThroughputSettingsVersion version) => new(
        version.Version,
        version.ChangedAt,
        version.ChangedBy,
        version.ChangedByKeyId,
        version.PreviousSettings is null ? null : HighThroughputSettingsDocument.Parse(version.PreviousSettings),
        HighThroughputSettingsDocument.Parse(version.Settings),
        version.RestoredFromVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Runtime settings version {Version} stored by {ChangedBy} (restoring version {RestoredFrom})")]
    private static partial void LogChanged(ILogger logger, int version, string changedBy, int? restoredFrom);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not announce runtime settings version {Version}; other instances pick it up when they poll")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception exception, int version);
}
