namespace Messaging.Settings;

/// <summary>
/// A setting read once at start. Runtime settings leave it out: it is neither shown nor accepted by the settings API,
/// and stays what configuration says until the next restart.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RestartRequiredAttribute : Attribute;
