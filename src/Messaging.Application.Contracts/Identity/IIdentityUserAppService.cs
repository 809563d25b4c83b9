using Messaging.Dtos;

namespace Messaging.Identity;

/// <summary>The users of the caller's tenant (the host's for the host), on ABP's routes; another tenant's user is not found.</summary>
public interface IIdentityUserAppService
{
    Task<PagedResultDto<IdentityUserDto>> GetListAsync(int skipCount = 0, int maxResultCount = 50, CancellationToken cancellationToken = default);

    Task<IdentityUserDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    Task<IdentityUserDto> CreateAsync(IdentityUserCreateDto input, CancellationToken cancellationToken = default);

    Task<IdentityUserDto> UpdateAsync(Guid id, IdentityUserUpdateDto input, CancellationToken cancellationToken = default);

    Task DeleteAsync(Guid id, CancellationToken cancellationToken = default);
}

/// <summary>
/// The roles the caller's side can give, with what they grant: the static roles, and in a tenant the roles it defined
/// for itself, which its admin creates, renames and deletes; another tenant's role is not found.
/// </summary>
public interface IIdentityRoleAppService
{
    Task<IReadOnlyList<IdentityRoleDto>> GetListAsync(CancellationToken cancellationToken = default);

    Task<IdentityRoleDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    Task<IdentityRoleDto> CreateAsync(IdentityRoleCreateUpdateDto input, CancellationToken cancellationToken = default);

    Task<IdentityRoleDto> UpdateAsync(Guid id, IdentityRoleCreateUpdateDto input, CancellationToken cancellationToken = default);

    Task DeleteAsync(Guid id, CancellationToken cancellationToken = default);
}

/// <summary>
/// ABP's permission management for roles (provider name <c>R</c>, the role's name as the key): what any role grants, and
/// changes to what a tenant's own role grants; the static roles' grants are fixed.
/// </summary>
public interface IPermissionAppService
{
    Task<PermissionListResultDto> GetAsync(string providerName, string providerKey, CancellationToken cancellationToken = default);

    Task<PermissionListResultDto> UpdateAsync(string providerName, string providerKey, UpdatePermissionsDto input,
        CancellationToken cancellationToken = default);
}

/// <summary>The security log of the caller's tenant, newest first; another tenant's entries are never listed.</summary>
public interface ISecurityLogAppService
{
    Task<PagedResultDto<SecurityLogDto>> GetListAsync(int skipCount = 0, int maxResultCount = 50, CancellationToken cancellationToken = default);
}

/// <summary>The signed-in user's own account.</summary>
public interface IProfileAppService
{
    Task<ProfileDto> GetAsync(CancellationToken cancellationToken = default);

    Task<ProfileDto> UpdateAsync(UpdateProfileDto input, CancellationToken cancellationToken = default);

    Task ChangePasswordAsync(ChangePasswordInput input, CancellationToken cancellationToken = default);

    Task<TwoFactorDto> GetTwoFactorAsync(CancellationToken cancellationToken = default);

    /// <summary>Turns the second factor on once a code from the authenticator app proves the key was taken.</summary>
    Task<TwoFactorDto> EnableTwoFactorAsync(EnableTwoFactorInput input, CancellationToken cancellationToken = default);

    Task<TwoFactorDto> DisableTwoFactorAsync(CancellationToken cancellationToken = default);

    /// <summary>New recovery codes, replacing any the user had; only while the second factor is on.</summary>
    Task<RecoveryCodesDto> GenerateRecoveryCodesAsync(CancellationToken cancellationToken = default);

    /// <summary>The caller's tenant and permissions; API keys and machine clients have them too.</summary>
    Task<GrantedPermissionsDto> GetGrantedPermissionsAsync(CancellationToken cancellationToken = default);
}
