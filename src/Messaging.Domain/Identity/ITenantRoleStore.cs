namespace Messaging.Identity;

/// <summary>A role a tenant defined for itself, with the permissions granted to it.</summary>
public sealed record TenantRole(Guid Id, string Name, IReadOnlyList<string> Permissions);

/// <summary>
/// The roles the current tenant defined next to the static ones (ABP's IdentityRoleManager with its permission grants);
/// another tenant's role is not found. A name taken by a static role or another role of the tenant throws
/// <c>InputValidationException</c> naming the field.
/// </summary>
public interface ITenantRoleStore
{
    Task<IReadOnlyList<TenantRole>> GetListAsync(CancellationToken cancellationToken = default);

    Task<TenantRole?> FindAsync(Guid id, CancellationToken cancellationToken = default);

    Task<TenantRole?> FindByNameAsync(string name, CancellationToken cancellationToken = default);

    Task<TenantRole> CreateAsync(string name, CancellationToken cancellationToken = default);

    Task<TenantRole?> RenameAsync(Guid id, string name, CancellationToken cancellationToken = default);

    /// <summary>Removes the role and takes it from every user who had it.</summary>
    Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Replaces what the role grants.</summary>
    Task<TenantRole?> SetPermissionsAsync(Guid id, IReadOnlyCollection<string> permissions, CancellationToken cancellationToken = default);
}
