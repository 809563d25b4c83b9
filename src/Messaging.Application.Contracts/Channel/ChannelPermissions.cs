using Messaging.Authorization;

namespace Messaging.Channel;

/// <summary>The Channel module's permissions.</summary>
public static class ChannelPermissions
{
    /// <summary>Read channels and their history, and subscribe to their events.</summary>
    public const string Default = "Messaging.Channel";

    /// <summary>Post messages, delayed ones included, and cancel delayed ones.</summary>
    public const string Post = Default + ".Post";

    /// <summary>Create, change, archive and delete channels.</summary>
    public const string Manage = Default + ".Manage";

    /// <summary>See who is connected to the SSE hub (the tenant's connections; the host admin sees all).</summary>
    public const string Connections = Default + ".Connections";

    public static readonly IReadOnlyList<PermissionDefinition> All =
    [
        new(Default, PermissionSides.Tenant, PermissionKind.Read),
        new(Post, PermissionSides.Tenant, PermissionKind.Use),
        new(Manage, PermissionSides.Tenant, PermissionKind.Manage),
        new(Connections, PermissionSides.Both, PermissionKind.Manage)
    ];
}
