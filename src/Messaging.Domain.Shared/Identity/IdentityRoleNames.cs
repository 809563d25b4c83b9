namespace Messaging.Identity;

/// <summary>The static roles: one for the host, three a tenant's users are given.</summary>
public static class IdentityRoleNames
{
    /// <summary>The platform operator: every host permission.</summary>
    public const string HostAdmin = "host-admin";

    /// <summary>A tenant's administrator: every tenant permission, its users and roles included.</summary>
    public const string Admin = "admin";

    /// <summary>Reads and sends, changes no configuration.</summary>
    public const string Operator = "operator";

    /// <summary>Reads only.</summary>
    public const string Viewer = "viewer";

    public static readonly IReadOnlyList<string> All = [HostAdmin, Admin, Operator, Viewer];

    public static readonly IReadOnlyList<string> TenantRoles = [Admin, Operator, Viewer];
}
