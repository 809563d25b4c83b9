namespace Messaging.TenantManagement;

public enum TenantTier
{
    Basic,
    Premium,
    Enterprise
}
