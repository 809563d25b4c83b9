namespace Messaging.Settings;

/// <summary>How the shared settings editor makes a module's version without knowing its type.</summary>
public interface ICreateSettingsVersion<out TSelf>
    where TSelf : SettingsVersion
{
    static abstract TSelf Create(int version, string settings, string? previousSettings, DateTime changedAt,
        Guid? changedByKeyId, string changedBy, int? restoredFromVersion);
}
