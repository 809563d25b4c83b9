namespace Messaging.Settings;

/// <summary>How runtime settings reach this instance, bound from the <c>RuntimeSettings</c> section.</summary>
public sealed class RuntimeSettingsOptions
{
    public const string SectionName = "RuntimeSettings";

    /// <summary>
    /// How often the database is asked for a newer version: the fallback for a backplane message this instance missed
    /// (Redis down, or no Redis and several instances).
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);
}
