using Messaging.Authorization;

namespace Messaging.Messages;

/// <summary>The Messages module's permissions.</summary>
public static class MessagesPermissions
{
    /// <summary>Read messages, their statuses, the feed and statistics, provider and callback configuration.</summary>
    public const string Default = "Messaging.Messages";

    public const string Send = Default + ".Send";

    public const string Cancel = Default + ".Cancel";

    /// <summary>Change the tenant's provider configurations and credentials.</summary>
    public const string Providers = Default + ".Providers";

    /// <summary>Change the tenant's status callback and its secret.</summary>
    public const string Callbacks = Default + ".Callbacks";

    /// <summary>The host's runtime settings.</summary>
    public const string Settings = "Messaging.Settings";

    public static readonly IReadOnlyList<PermissionDefinition> All =
    [
        new(Default, PermissionSides.Tenant, PermissionKind.Read),
        new(Send, PermissionSides.Tenant, PermissionKind.Use),
        new(Cancel, PermissionSides.Tenant, PermissionKind.Use),
        new(Providers, PermissionSides.Tenant, PermissionKind.Manage),
        new(Callbacks, PermissionSides.Tenant, PermissionKind.Manage),
        new(Settings, PermissionSides.Host, PermissionKind.Manage)
    ];
}
