namespace Messaging.MultiTenancy;

public enum TenantTier
{
    Basic,
    Premium,
    Enterprise
}
