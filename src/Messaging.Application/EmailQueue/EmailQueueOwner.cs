using Messaging.MultiTenancy;

namespace Messaging.EmailQueue;

/// <summary>
/// Whose email queue a caller reads and operates: a tenant's own, or, for the host's operators (who have no tenant), the
/// host's own mail, queued under <see cref="EmailQueueConsts.HostMailTenantId"/> (host accounts' welcome and reset
/// emails), so its dead letters and suppressions can be seen and replayed like a tenant's.
/// </summary>
public sealed class EmailQueueOwner(ICurrentTenant currentTenant)
{
    /// <summary>Scopes the rest of the call to the caller's queue; dispose it when the call ends.</summary>
    public Scope Enter() => currentTenant.Id is { } tenantId
        ? new Scope(tenantId, null)
        : new Scope(EmailQueueConsts.HostMailTenantId, currentTenant.Change(EmailQueueConsts.HostMailTenantId));

    /// <summary>Whether the caller is the host's operators, not a tenant.</summary>
    public bool IsHost => currentTenant.Id is null;

    public sealed class Scope(Guid tenantId, IDisposable? change) : IDisposable
    {
        public Guid TenantId { get; } = tenantId;

        public void Dispose() => change?.Dispose();
    }
}
