using Microsoft.AspNetCore.Identity;

namespace Messaging.EntityFrameworkCore.Identity;

/// <summary>
/// A person who signs in: ASP.NET Core Identity's user with the tenant it belongs to (null for the host's users) and
/// the name ABP's users carry. User names are unique within the tenant, so two tenants may each have an "admin".
/// </summary>
public sealed class IdentityUserAccount : IdentityUser<Guid>
{
    private IdentityUserAccount()
    {
    }

    public IdentityUserAccount(Guid id, Guid? tenantId, string userName, string? email) : base(userName)
    {
        Id = id;
        TenantId = tenantId;
        Email = email;
        IsActive = true;
    }

    public Guid? TenantId { get; private set; }

    public string? Name { get; private set; }

    public string? Surname { get; private set; }

    /// <summary>A deactivated user cannot sign in, and its tokens stop working at their next use.</summary>
    public bool IsActive { get; private set; }

    public void Rename(string? name, string? surname)
    {
        Name = name;
        Surname = surname;
    }

    public void SetActive(bool isActive) => IsActive = isActive;
}

/// <summary>
/// A role: one of the static roles (<c>Messaging.Identity.IdentityRoleNames</c>, no tenant, shared by the host and every
/// tenant), or a role a tenant defined for itself, whose grants are its role claims.
/// </summary>
public sealed class IdentityRoleDefinition : IdentityRole<Guid>
{
    private IdentityRoleDefinition()
    {
    }

    public IdentityRoleDefinition(Guid id, string name, Guid? tenantId = null) : base(name)
    {
        Id = id;
        TenantId = tenantId;
    }

    public Guid? TenantId { get; private set; }
}
