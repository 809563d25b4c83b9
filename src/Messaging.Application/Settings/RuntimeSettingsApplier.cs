using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Messages.Settings;

/// <summary>
/// Checks a settings document the way configuration is checked at start, and applies stored versions that pass.
/// A stored version that fails (written before a stricter validator existed, say) is not applied: the instance keeps
/// what it runs with and health reports the rejected version, since a value that fails validation would make every
/// read of the options throw.
/// </summary>
public sealed partial class HighThroughputSettingsApplier(
    AppliedHighThroughputSettings applied,
    HighThroughputSettingsValidation validation,
    IOptionsMonitor<HighThroughputOptions> options,
    ILogger<HighThroughputSettingsApplier> logger)
{
    private readonly Lock _applying = new();
    private volatile RejectedSettingsVersion? _rejected;

    /// <summary>The newest stored version that could not be applied, while no newer one was.</summary>
    public RejectedSettingsVersion? Rejected => _rejected;

    /// <summary>The settings <paramref name="document"/> would give this instance, or null with every reason it cannot be applied.</summary>
    public HighThroughputOptions? Check(JsonObject document, out Dictionary<string, List<string>> errors)
    {
        errors = [];
        var candidate = HighThroughputSettingsDocument.TryRead(document, options.CurrentValue, errors);
        if (candidate is null)
        {
            return null;
        }

        errors = validation.Validate(candidate);
        return errors.Count == 0 ? candidate : null;
    }

    /// <summary>Applies a stored version unless this instance runs with it or a newer one already; false when it is invalid.</summary>
    public bool Apply(HighThroughputSettingsVersion stored)
    {
        lock (_applying)
        {
            if (applied.Current?.Version >= stored.Version || _rejected?.Version == stored.Version)
            {
                return applied.Current?.Version >= stored.Version;
            }

            if (Check(HighThroughputSettingsDocument.Parse(stored.Settings), out var errors) is null)
            {
                var reasons = errors.SelectMany(error => error.Value).ToList();
                _rejected = new RejectedSettingsVersion(stored.Version, reasons);
                LogRejected(logger, stored.Version, string.Join(" ", reasons));
                return false;
            }

            if (applied.TryApply(new AppliedSettingsVersion(stored.Version, stored.Settings, stored.ChangedAt, stored.ChangedBy)))
            {
                _rejected = null;
                LogApplied(logger, stored.Version, stored.ChangedBy);
            }

            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Runtime settings version {Version} (changed by {ChangedBy}) applied")]
    private static partial void LogApplied(ILogger logger, int version, string changedBy);

    [LoggerMessage(Level = LogLevel.Error, Message = "Runtime settings version {Version} is invalid and was not applied: {Reasons}")]
    private static partial void LogRejected(ILogger logger, int version, string reasons);
}

public sealed record RejectedSettingsVersion(int Version, IReadOnlyList<string> Reasons);
