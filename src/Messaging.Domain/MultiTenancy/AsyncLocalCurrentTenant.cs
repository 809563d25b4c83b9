
namespace Messaging.MultiTenancy;

/// <summary>Flows the current tenant with the async call chain, like ABP's CurrentTenant.</summary>
public sealed class AsyncLocalCurrentTenant : ICurrentTenant
{
    private static readonly AsyncLocal<TenantContext?> Current = new();

    public Guid? Id => Current.Value?.TenantId;

    public TenantTier? Tier => Current.Value?.Tier;

    public IDisposable Change(Guid? tenantId, TenantTier? tier = null)
    {
        var previous = Current.Value;
        Current.Value = new TenantContext(tenantId, tier);
        return new RestoreOnDispose(previous);
    }

    private sealed record TenantContext(Guid? TenantId, TenantTier? Tier);

    private sealed class RestoreOnDispose(TenantContext? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
