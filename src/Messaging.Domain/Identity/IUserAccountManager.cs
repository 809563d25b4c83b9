namespace Messaging.Identity;

/// <summary>A person's account as the application sees it; its roles are the static roles' names.</summary>
public sealed record UserAccount(Guid Id, Guid? TenantId, string UserName, string? Email, bool EmailConfirmed, string? Name, string? Surname, bool IsActive,
    DateTimeOffset? LockoutEnd, IReadOnlyList<string> Roles);

/// <summary>What an account is created with, or changed to; a password left out of a change keeps the one it has.</summary>
public sealed record UserAccountValues(string UserName, string? Email, string? Name, string? Surname, bool IsActive,
    IReadOnlyList<string> Roles, string? Password);

/// <summary>
/// The accounts of the current tenant (the host's, when there is none), as ABP's IdentityUserManager offers them; the
/// adapter is ASP.NET Core Identity's. Another tenant's account is not found. Values the account rules refuse (a
/// password too weak, a user name taken) throw <c>InputValidationException</c> naming the field.
/// </summary>
public interface IUserAccountManager
{
    Task<(IReadOnlyList<UserAccount> Items, int TotalCount)> GetListAsync(int skip, int take, CancellationToken cancellationToken = default);

    Task<UserAccount?> FindAsync(Guid id, CancellationToken cancellationToken = default);

    Task<UserAccount> CreateAsync(UserAccountValues values, CancellationToken cancellationToken = default);

    Task<UserAccount?> UpdateAsync(Guid id, UserAccountValues values, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Changes the account's own name and email, as its user may.</summary>
    Task<UserAccount?> UpdateProfileAsync(Guid id, string? email, string? name, string? surname, CancellationToken cancellationToken = default);

    /// <returns>False when the current password is wrong.</returns>
    Task<bool> ChangePasswordAsync(Guid id, string currentPassword, string newPassword, CancellationToken cancellationToken = default);

    /// <summary>The account's authenticator key (RFC 6238, base32), made on first ask; whether the second factor is on.</summary>
    Task<(string SharedKey, bool IsEnabled)> GetAuthenticatorAsync(Guid id, CancellationToken cancellationToken = default);

    /// <returns>False when the code does not match the authenticator key.</returns>
    Task<bool> EnableTwoFactorAsync(Guid id, string code, CancellationToken cancellationToken = default);

    /// <summary>A time-limited token that confirms the account's email address; null when there is no such account.</summary>
    Task<string?> GenerateEmailConfirmationTokenAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>New single-use recovery codes replace the account's old ones; null while the second factor is off.</summary>
    Task<IReadOnlyList<string>?> GenerateRecoveryCodesAsync(Guid id, int count, CancellationToken cancellationToken = default);

    Task<int> CountRecoveryCodesAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Turns the second factor off and forgets the key and the recovery codes, so enabling again shows a new key.</summary>
    Task DisableTwoFactorAsync(Guid id, CancellationToken cancellationToken = default);
}
