namespace Messaging.TenantManagement;

public static class TenantConsts
{
    public const int MaxNameLength = 64;
    public const int MaxApiKeyNameLength = 64;

    /// <summary>The stored list of a key's permissions, names separated by spaces.</summary>
    public const int MaxApiKeyPermissionsLength = 2048;
}
