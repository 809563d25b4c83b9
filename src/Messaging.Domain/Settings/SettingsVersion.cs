namespace Messaging.Settings;

/// <summary>
/// One stored version of a module's runtime settings, and the audit record of the change that made it: who, when,
/// and the settings before and after. Versions are never changed or deleted; a restore adds a new one. Each module
/// keeps its versions in its own table through a sealed subclass.
/// </summary>
public abstract class SettingsVersion
{
    protected SettingsVersion()
    {
        Settings = null!;
        ChangedBy = null!;
    }

    protected SettingsVersion(int version, string settings, string? previousSettings, DateTime changedAt,
        Guid? changedByKeyId, string changedBy, int? restoredFromVersion)
    {
        if (version < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, "Settings versions count from 1.");
        }

        Version = version;
        Settings = settings;
        PreviousSettings = previousSettings;
        ChangedAt = changedAt;
        ChangedByKeyId = changedByKeyId;
        ChangedBy = changedBy;
        RestoredFromVersion = restoredFromVersion;
    }

    /// <summary>1, 2, 3, ...: the primary key, so two instances storing the same next version cannot both succeed.</summary>
    public int Version { get; private set; }

    /// <summary>The whole runtime settings document (JSON) of this version.</summary>
    public string Settings { get; private set; }

    /// <summary>The document in effect before this change; for the first version, what configuration said.</summary>
    public string? PreviousSettings { get; private set; }

    public DateTime ChangedAt { get; private set; }

    /// <summary>The API key that made the change.</summary>
    public Guid? ChangedByKeyId { get; private set; }

    /// <summary>The name of that key, kept as it was then.</summary>
    public string ChangedBy { get; private set; }

    /// <summary>Set when this version restored an earlier one.</summary>
    public int? RestoredFromVersion { get; private set; }
}
