using Messaging.Settings;

namespace Messaging.Messages.Settings;

/// <summary>One stored version of the runtime <c>HighThroughput</c> settings.</summary>
public sealed class HighThroughputSettingsVersion : SettingsVersion, ICreateSettingsVersion<HighThroughputSettingsVersion>
{
    private HighThroughputSettingsVersion()
    {
    }

    public HighThroughputSettingsVersion(int version, string settings, string? previousSettings, DateTime changedAt,
        Guid? changedByKeyId, string changedBy, int? restoredFromVersion = null)
        : base(version, settings, previousSettings, changedAt, changedByKeyId, changedBy, restoredFromVersion)
    {
    }

    public static HighThroughputSettingsVersion Create(int version, string settings, string? previousSettings, DateTime changedAt,
        Guid? changedByKeyId, string changedBy, int? restoredFromVersion) =>
        new(version, settings, previousSettings, changedAt, changedByKeyId, changedBy, restoredFromVersion);
}
