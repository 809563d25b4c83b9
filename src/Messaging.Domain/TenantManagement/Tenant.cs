namespace Messaging.TenantManagement;

public sealed class Tenant
{
    private Tenant()
    {
        Name = null!;
    }

    public Tenant(Guid id, string name, TenantTier tier, DateTime createdAt)
    {
        Id = id;
        Name = name;
        Tier = tier;
        IsActive = true;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public TenantTier Tier { get; private set; }
    public bool IsActive { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public void Rename(string name) => Name = name;

    public void ChangeTier(TenantTier tier) => Tier = tier;

    public void Activate() => IsActive = true;

    public void Deactivate() => IsActive = false;
}
