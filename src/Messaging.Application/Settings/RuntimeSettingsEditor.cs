using System.Globalization;
using System.Text.Json.Nodes;
using Messaging.Backplane;
using Messaging.ExceptionHandling;
using Messaging.Users;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Settings;

/// <summary>
/// Changes a module's runtime settings: checks a document as configuration is checked at start, stores it as the next
/// version (refusing a stale expected version), applies it here and announces it to the other instances.
/// </summary>
public sealed partial class RuntimeSettingsEditor<TOptions, TVersion>(
    RuntimeSettingsDefinition<TOptions> definition,
    ISettingsVersionRepository<TVersion> versions,
    RuntimeSettingsApplier<TOptions> applier,
    IOptionsMonitor<TOptions> options,
    IBackplane backplane,
    ICurrentUser currentUser,
    TimeProvider clock,
    ILogger<RuntimeSettingsEditor<TOptions, TVersion>> logger)
    where TOptions : class, new()
    where TVersion : SettingsVersion, ICreateSettingsVersion<TVersion>
{
    public async Task<TVersion> UpdateAsync(JsonObject? document, int? expectedVersion, CancellationToken cancellationToken)
    {
        if (document is null)
        {
            throw new InputValidationException(new Dictionary<string, string[]>
            {
                ["settings"] = ["The settings document is required (GET it, change what you need, PUT it back)."]
            });
        }

        return await StoreAsync(Checked(document), expectedVersion, restoredFrom: null, cancellationToken);
    }

    public async Task<TVersion> RestoreAsync(int version, int? expectedVersion, CancellationToken cancellationToken)
    {
        var earlier = await versions.FindAsync(version, cancellationToken)
            ?? throw new EntityNotFoundException("Settings version", version);
        // Checked again: the validators of today decide, not those of the day it was stored.
        var settings = Checked(OptionsDocument<TOptions>.Parse(earlier.Settings));
        return await StoreAsync(settings, expectedVersion, restoredFrom: version, cancellationToken);
    }

    /// <summary>Newest first, with how many versions there are.</summary>
    public async Task<(int Total, IReadOnlyList<TVersion> Page)> GetHistoryAsync(int skipCount, int maxResultCount, CancellationToken cancellationToken)
    {
        if (skipCount < 0 || maxResultCount is < 1 or > 100)
        {
            throw new InputValidationException(new Dictionary<string, string[]>
            {
                ["maxResultCount"] = ["skipCount must be 0 or more and maxResultCount between 1 and 100."]
            });
        }

        return (await versions.CountAsync(cancellationToken), await versions.GetHistoryAsync(skipCount, maxResultCount, cancellationToken));
    }

    private TOptions Checked(JsonObject document) =>
        applier.Check(document, out var errors)
        ?? throw new SettingsValidationException(errors.ToDictionary(error => error.Key, error => error.Value.ToArray()));

    private async Task<TVersion> StoreAsync(TOptions settings, int? expectedVersion, int? restoredFrom, CancellationToken cancellationToken)
    {
        var latest = await versions.FindLatestAsync(cancellationToken);
        var currentVersion = latest?.Version ?? 0;
        if (expectedVersion is { } expected && expected != currentVersion)
        {
            throw new ConflictException(
                $"The settings are at version {currentVersion}, not {expected}: someone changed them meanwhile. GET them again and reapply your change.");
        }

        var stored = TVersion.Create(
            currentVersion + 1,
            definition.Document.ToJsonString(settings),
            // The first version records what configuration gave before it.
            latest?.Settings ?? definition.Document.ToJsonString(options.CurrentValue),
            clock.GetUtcNow().UtcDateTime,
            currentUser.Id,
            currentUser.Name ?? currentUser.Id?.ToString() ?? "unknown",
            restoredFrom);
        if (!await versions.TryInsertAsync(stored, cancellationToken))
        {
            throw new ConflictException("Another change to the settings was stored at the same moment. GET them again and reapply your change.");
        }

        LogChanged(logger, definition.SectionName, stored.Version, stored.ChangedBy, restoredFrom);
        // Effective here before the answer; everywhere else through the backplane, or the poll if that message is lost.
        applier.Apply(stored);
        try
        {
            await backplane.PublishAsync(definition.ChangedChannel, stored.Version.ToString(CultureInfo.InvariantCulture), CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogAnnounceFailed(logger, exception, definition.SectionName, stored.Version);
        }

        return stored;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Runtime settings {Section} version {Version} stored by {ChangedBy} (restoring version {RestoredFrom})")]
    private static partial void LogChanged(ILogger logger, string section, int version, string changedBy, int? restoredFrom);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not announce runtime settings {Section} version {Version}; other instances pick it up when they poll")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception exception, string section, int version);
}
