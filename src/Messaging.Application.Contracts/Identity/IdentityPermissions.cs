using Messaging.Authorization;

namespace Messaging.Identity;

/// <summary>The Identity module's permissions, for the host's and each tenant's own users and roles.</summary>
public static class IdentityPermissions
{
    public const string Users = "Messaging.Identity.Users";

    public const string Roles = "Messaging.Identity.Roles";

    /// <summary>The security log: sign-ins, lockouts and changes to accounts.</summary>
    public const string SecurityLogs = "Messaging.Identity.SecurityLogs";

    /// <summary>Machine clients of the sign-in server (client credentials), each with the permissions its tokens carry.</summary>
    public const string Clients = "Messaging.Identity.Clients";

    public static readonly IReadOnlyList<PermissionDefinition> All =
    [
        new(Users, PermissionSides.Both, PermissionKind.Manage),
        new(Roles, PermissionSides.Both, PermissionKind.Manage),
        new(SecurityLogs, PermissionSides.Both, PermissionKind.Manage),
        new(Clients, PermissionSides.Both, PermissionKind.Manage)
    ];
}
