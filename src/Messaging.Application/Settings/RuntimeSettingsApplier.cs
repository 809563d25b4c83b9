using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Settings;

/// <summary>
/// Checks a settings document the way configuration is checked at start, and applies stored versions that pass.
/// A stored version that fails (written before a stricter validator existed, say) is not applied: the instance keeps
/// what it runs with and health reports the rejected version, since a value that fails validation would make every
/// read of the options throw.
/// </summary>
public sealed partial class RuntimeSettingsApplier<TOptions>(
    RuntimeSettingsDefinition<TOptions> definition,
    AppliedRuntimeSettings<TOptions> applied,
    RuntimeSettingsValidation<TOptions> validation,
    IOptionsMonitor<TOptions> options,
    ILogger<RuntimeSettingsApplier<TOptions>> logger)
    where TOptions : class, new()
{
    private readonly Lock _applying = new();
    private volatile RejectedSettingsVersion? _rejected;

    /// <summary>The newest stored version that could not be applied, while no newer one was.</summary>
    public RejectedSettingsVersion? Rejected => _rejected;

    /// <summary>The settings <paramref name="document"/> would give this instance, or null with every reason it cannot be applied.</summary>
    public TOptions? Check(JsonObject document, out Dictionary<string, List<string>> errors)
    {
        errors = [];
        var candidate = definition.Document.TryRead(document, options.CurrentValue, errors);
        if (candidate is null)
        {
            return null;
        }

        errors = validation.Validate(candidate);
        return errors.Count == 0 ? candidate : null;
    }

    /// <summary>Applies a stored version unless this instance runs with it or a newer one already; false when it is invalid.</summary>
    public bool Apply(SettingsVersion stored)
    {
        lock (_applying)
        {
            if (applied.Current?.Version >= stored.Version || _rejected?.Version == stored.Version)
            {
                return applied.Current?.Version >= stored.Version;
            }

            if (Check(OptionsDocument<TOptions>.Parse(stored.Settings), out var errors) is null)
            {
                var reasons = errors.SelectMany(error => error.Value).ToList();
                _rejected = new RejectedSettingsVersion(stored.Version, reasons);
                LogRejected(logger, definition.SectionName, stored.Version, string.Join(" ", reasons));
                return false;
            }

            if (applied.TryApply(new AppliedSettingsVersion(stored.Version, stored.Settings, stored.ChangedAt, stored.ChangedBy)))
            {
                _rejected = null;
                LogApplied(logger, definition.SectionName, stored.Version, stored.ChangedBy);
            }

            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Runtime settings {Section} version {Version} (changed by {ChangedBy}) applied")]
    private static partial void LogApplied(ILogger logger, string section, int version, string changedBy);

    [LoggerMessage(Level = LogLevel.Error, Message = "Runtime settings {Section} version {Version} is invalid and was not applied: {Reasons}")]
    private static partial void LogRejected(ILogger logger, string section, int version, string reasons);
}

public sealed record RejectedSettingsVersion(int Version, IReadOnlyList<string> Reasons);
