namespace Messaging.Settings;

/// <summary>
/// A module's runtime settings: the configuration section whose stored versions replace configuration's on every
/// instance, and the backplane channel on which a stored change is announced (the payload is its version number).
/// </summary>
public sealed class RuntimeSettingsDefinition<TOptions>(string sectionName, string changedChannel)
    where TOptions : class, new()
{
    public string SectionName => sectionName;

    public string ChangedChannel => changedChannel;

    public OptionsDocument<TOptions> Document { get; } = new(sectionName);
}
