using System.ComponentModel.DataAnnotations;
using Messaging.MultiTenancy;

namespace Messaging.TenantManagement;

public sealed record TenantDto(Guid Id, string Name, TenantTier Tier, bool IsActive, DateTime CreatedAt);

public sealed class CreateTenantDto
{
    [Required]
    public string? Name { get; set; }

    [Required]
    public TenantTier? Tier { get; set; }
}

public sealed class UpdateTenantDto
{
    public string? Name { get; set; }

    public TenantTier? Tier { get; set; }

    public bool? IsActive { get; set; }
}

/// <summary>Limits the host admin sets for one tenant instead of its tier's; a limit left out keeps the tier's.</summary>
public sealed class TenantRateLimitOverrideDto
{
    public int? RequestsPerMinute { get; set; }

    public int? BurstLimit { get; set; }

    public int? ConcurrentRequests { get; set; }
}

/// <summary>The limits that hold for a tenant now (its tier's, with the override on top) and the override itself.</summary>
public sealed record TenantRateLimitDto(
    Guid TenantId,
    TenantTier Tier,
    int RequestsPerMinute,
    int BurstLimit,
    int ConcurrentRequests,
    TimeSpan WindowSize,
    TenantRateLimitOverrideDto? Override);
