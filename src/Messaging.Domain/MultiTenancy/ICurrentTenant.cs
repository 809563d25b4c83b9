
namespace Messaging.MultiTenancy;

/// <summary>The tenant the current operation acts for; <c>null</c> means the host (the platform operator).</summary>
public interface ICurrentTenant
{
    Guid? Id { get; }

    TenantTier? Tier { get; }

    bool IsAvailable => Id is not null;

    /// <summary>Acts for another tenant until the returned scope is disposed (jobs, seeding, event handlers).</summary>
    IDisposable Change(Guid? tenantId, TenantTier? tier = null);
}
