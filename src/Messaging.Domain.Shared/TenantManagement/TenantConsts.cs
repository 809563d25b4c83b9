namespace Messaging.TenantManagement;

public static class TenantConsts
{
    public const int MaxNameLength = 64;
    public const int MaxApiKeyNameLength = 64;
}
