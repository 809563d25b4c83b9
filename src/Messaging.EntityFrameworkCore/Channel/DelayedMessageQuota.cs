namespace Messaging.EntityFrameworkCore.Channel;

/// <summary>How many delayed messages a tenant has waiting: a row changed by conditional updates only, which the database serializes.</summary>
public sealed class DelayedMessageQuota
{
    public DelayedMessageQuota(Guid tenantId, int waiting)
    {
        TenantId = tenantId;
        Waiting = waiting;
    }

    public Guid TenantId { get; private set; }

    public int Waiting { get; private set; }
}
