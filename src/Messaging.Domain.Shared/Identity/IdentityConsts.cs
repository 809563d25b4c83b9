namespace Messaging.Identity;

public static class IdentityConsts
{
    public const int MaxUserNameLength = 256;
    public const int MaxEmailLength = 256;
    public const int MaxNameLength = 64;
    public const int MaxRoleNameLength = 256;

    /// <summary>The type of the role claims that hold what a tenant's own role grants, one permission name each.</summary>
    public const string PermissionGrantClaimType = "messaging:permission-grant";

    /// <summary>The user name the seed gives the host's and the demo tenant's administrators.</summary>
    public const string SeededAdminUserName = "admin";
}
