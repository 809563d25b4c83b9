namespace Messaging.Authorization;

/// <summary>Who a permission can be granted to: the platform operator (host), a tenant, or both.</summary>
[Flags]
public enum PermissionSides
{
    Host = 1,
    Tenant = 2,
    Both = Host | Tenant
}

/// <summary>What a permission allows, which decides the static roles that get it: viewers read, operators also use, admins manage.</summary>
public enum PermissionKind
{
    Read,
    Use,
    Manage
}

/// <summary>
/// One permission, named as ABP names them (<c>Messaging.Messages.Send</c>). Each module defines its own next to its
/// contracts and registers them with the host; endpoints name them as their authorization policy.
/// </summary>
public sealed record PermissionDefinition(string Name, PermissionSides Sides, PermissionKind Kind);
