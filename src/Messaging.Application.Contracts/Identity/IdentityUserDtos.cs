using System.ComponentModel.DataAnnotations;

namespace Messaging.Identity;

public sealed record IdentityUserDto(Guid Id, string UserName, string? Email, bool EmailConfirmed, string? Name, string? Surname, bool IsActive,
    DateTimeOffset? LockoutEnd, IReadOnlyList<string> RoleNames);

public sealed class IdentityUserCreateDto
{
    [Required]
    public string? UserName { get; set; }

    public string? Email { get; set; }

    public string? Name { get; set; }

    public string? Surname { get; set; }

    [Required]
    public string? Password { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>Static roles: admin, operator or viewer for a tenant's users, host-admin for the host's.</summary>
    public List<string> RoleNames { get; set; } = [];
}

public sealed class IdentityUserUpdateDto
{
    [Required]
    public string? UserName { get; set; }

    public string? Email { get; set; }

    public string? Name { get; set; }

    public string? Surname { get; set; }

    /// <summary>A new password; left out, the user keeps the one it has.</summary>
    public string? Password { get; set; }

    public bool IsActive { get; set; } = true;

    public List<string> RoleNames { get; set; } = [];
}

/// <param name="Id">Set for a tenant's own roles, which are changed by it; the static roles have none.</param>
/// <param name="IsStatic">A role of the platform, whose grants are fixed by the modules.</param>
public sealed record IdentityRoleDto(Guid? Id, string Name, bool IsStatic, IReadOnlyList<string> Permissions);

public sealed class IdentityRoleCreateUpdateDto
{
    public string? Name { get; set; }
}

/// <summary>ABP's change of a role's grants: only the permissions listed change.</summary>
public sealed class UpdatePermissionsDto
{
    public List<UpdatePermissionDto> Permissions { get; set; } = [];
}

public sealed class UpdatePermissionDto
{
    public string? Name { get; set; }

    public bool IsGranted { get; set; }
}

/// <summary>What a role is granted, as ABP's permission management lists it: every permission of the role's side and whether it is granted.</summary>
public sealed record PermissionListResultDto(string EntityDisplayName, IReadOnlyList<PermissionGrantInfoDto> Permissions);

public sealed record PermissionGrantInfoDto(string Name, bool IsGranted);

public sealed record SecurityLogDto(Guid Id, SecurityLogAction Action, string? UserName, string? ClientIpAddress, string? ActorName,
    DateTime CreatedAt);

public sealed record ProfileDto(string UserName, string? Email, string? Name, string? Surname);

/// <summary>
/// Who is calling and what it may do, for a UI to show its tenant and the menus and buttons the caller may use
/// (ABP's application configuration gives the same as <c>currentUser</c> and <c>auth.grantedPolicies</c>).
/// </summary>
/// <param name="TenantName">Null for the host.</param>
/// <param name="UserName">The user's name, or the API key's, or the machine client's id.</param>
public sealed record GrantedPermissionsDto(Guid? TenantId, string? TenantName, string? UserName, IReadOnlyList<string> Granted);

public sealed class UpdateProfileDto
{
    public string? Email { get; set; }

    public string? Name { get; set; }

    public string? Surname { get; set; }
}

/// <param name="SharedKey">The authenticator key to enter in an authenticator app; only while the second factor is off.</param>
/// <param name="AuthenticatorUri">The same as an <c>otpauth://</c> URI, for a QR code.</param>
/// <param name="RecoveryCodesLeft">How many unused recovery codes the user has.</param>
public sealed record TwoFactorDto(bool IsEnabled, string? SharedKey, string? AuthenticatorUri, int RecoveryCodesLeft);

/// <summary>The only time the recovery codes leave the server: each signs in once in place of an authenticator code.</summary>
public sealed record RecoveryCodesDto(IReadOnlyList<string> Codes);

public sealed class EnableTwoFactorInput
{
    /// <summary>The six digits the authenticator app shows now.</summary>
    [Required]
    public string? Code { get; set; }
}

public sealed class ChangePasswordInput
{
    [Required]
    public string? CurrentPassword { get; set; }

    [Required]
    public string? NewPassword { get; set; }
}
