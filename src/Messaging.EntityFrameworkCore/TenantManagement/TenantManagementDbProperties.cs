namespace Messaging.EntityFrameworkCore.TenantManagement;

public static class TenantManagementDbProperties
{
    public const string DbTablePrefix = "Tm";
    public const string TenantsTable = DbTablePrefix + "Tenants";
    public const string ApiKeysTable = DbTablePrefix + "ApiKeys";
}
