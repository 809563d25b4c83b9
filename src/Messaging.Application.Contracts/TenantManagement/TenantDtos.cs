namespace Messaging.TenantManagement;

public sealed record TenantDto(Guid Id, string Name, TenantTier Tier, bool IsActive, DateTime CreatedAt);

public sealed class CreateTenantDto
{
    public string? Name { get; set; }

    public TenantTier? Tier { get; set; }
}

public sealed class UpdateTenantDto
{
    public string? Name { get; set; }

    public TenantTier? Tier { get; set; }

    public bool? IsActive { get; set; }
}

public sealed record PagedResultDto<T>(long TotalCount, IReadOnlyList<T> Items);
