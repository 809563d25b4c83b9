using Messaging.ExceptionHandling;
using Messaging.Identity;
using Messaging.MultiTenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.Identity;

/// <summary>The accounts of the current tenant through ASP.NET Core Identity's UserManager (its rules, hashing and stamps).</summary>
public sealed class UserAccountManager(UserManager<IdentityUserAccount> users, ICurrentTenant currentTenant) : IUserAccountManager
{
    public async Task<(IReadOnlyList<UserAccount> Items, int TotalCount)> GetListAsync(int skip, int take, CancellationToken cancellationToken = default)
    {
        var total = await users.Users.CountAsync(cancellationToken);
        var page = await users.Users.OrderBy(user => user.NormalizedUserName).Skip(skip).Take(take).ToListAsync(cancellationToken);
        var items = new List<UserAccount>(page.Count);
        foreach (var user in page)
        {
            items.Add(await ToAccountAsync(user));
        }

        return (items, total);
    }

    public async Task<string?> GenerateEmailConfirmationTokenAsync(Guid id, CancellationToken cancellationToken = default) =>
        await FindUserAsync(id) is { } user ? await users.GenerateEmailConfirmationTokenAsync(user) : null;

    public async Task<UserAccount?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        await FindUserAsync(id) is { } user ? await ToAccountAsync(user) : null;

    public async Task<UserAccount> CreateAsync(UserAccountValues values, CancellationToken cancellationToken = default)
    {
        var user = new IdentityUserAccount(Guid.CreateVersion7(), currentTenant.Id, values.UserName, values.Email);
        user.Rename(values.Name, values.Surname);
        user.SetActive(values.IsActive);
        Require(await users.CreateAsync(user, values.Password ?? ""));
        Require(await users.AddToRolesAsync(user, values.Roles));
        return await ToAccountAsync(user);
    }

    public async Task<UserAccount?> UpdateAsync(Guid id, UserAccountValues values, CancellationToken cancellationToken = default)
    {
        if (await FindUserAsync(id) is not { } user)
        {
            return null;
        }

        Require(await users.SetUserNameAsync(user, values.UserName));
        Require(await users.SetEmailAsync(user, values.Email));
        user.Rename(values.Name, values.Surname);
        user.SetActive(values.IsActive);
        if (values.Password is { } password)
        {
            Require(await users.RemovePasswordAsync(user));
            Require(await users.AddPasswordAsync(user, password));
        }

        var current = await users.GetRolesAsync(user);
        Require(await users.RemoveFromRolesAsync(user, current.Except(values.Roles)));
        Require(await users.AddToRolesAsync(user, values.Roles.Except(current)));
        Require(await users.UpdateAsync(user));
        return await ToAccountAsync(user);
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (await FindUserAsync(id) is not { } user)
        {
            return false;
        }

        Require(await users.DeleteAsync(user));
        return true;
    }

    public async Task<UserAccount?> UpdateProfileAsync(Guid id, string? email, string? name, string? surname, CancellationToken cancellationToken = default)
    {
        if (await FindUserAsync(id) is not { } user)
        {
            return null;
        }

        Require(await users.SetEmailAsync(user, email));
        user.Rename(name, surname);
        Require(await users.UpdateAsync(user));
        return await ToAccountAsync(user);
    }

    public async Task<bool> ChangePasswordAsync(Guid id, string currentPassword, string newPassword, CancellationToken cancellationToken = default)
    {
        var user = await FindUserAsync(id) ?? throw new EntityNotFoundException("User", id);
        if (!await users.CheckPasswordAsync(user, currentPassword))
        {
            return false;
        }

        Require(await users.ChangePasswordAsync(user, currentPassword, newPassword), passwordField: "newPassword");
        return true;
    }

    public async Task<(string SharedKey, bool IsEnabled)> GetAuthenticatorAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var user = await FindUserAsync(id) ?? throw new EntityNotFoundException("User", id);
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            Require(await users.ResetAuthenticatorKeyAsync(user));
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        return (key!, user.TwoFactorEnabled);
    }

    public async Task<bool> EnableTwoFactorAsync(Guid id, string code, CancellationToken cancellationToken = default)
    {
        var user = await FindUserAsync(id) ?? throw new EntityNotFoundException("User", id);
        if (string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user))
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            return false;
        }

        Require(await users.SetTwoFactorEnabledAsync(user, true));
        return true;
    }

    public async Task DisableTwoFactorAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var user = await FindUserAsync(id) ?? throw new EntityNotFoundException("User", id);
        Require(await users.SetTwoFactorEnabledAsync(user, false));
        Require(await users.ResetAuthenticatorKeyAsync(user));
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
    }

    public async Task<IReadOnlyList<string>?> GenerateRecoveryCodesAsync(Guid id, int count, CancellationToken cancellationToken = default)
    {
        var user = await FindUserAsync(id) ?? throw new EntityNotFoundException("User", id);
        return user.TwoFactorEnabled ? [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, count) ?? []] : null;
    }

    public async Task<int> CountRecoveryCodesAsync(Guid id, CancellationToken cancellationToken = default) =>
        await FindUserAsync(id) is { } user ? await users.CountRecoveryCodesAsync(user) : 0;

    /// <summary>By id within the current tenant: the query filter makes another tenant's account unknown.</summary>
    private async Task<IdentityUserAccount?> FindUserAsync(Guid id) =>
        await users.Users.FirstOrDefaultAsync(user => user.Id == id);

    private async Task<UserAccount> ToAccountAsync(IdentityUserAccount user) =>
        new(user.Id, user.TenantId, user.UserName!, user.Email, user.EmailConfirmed, user.Name, user.Surname, user.IsActive, user.LockoutEnd,
            [.. (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal)]);

    private static void Require(IdentityResult result, string passwordField = "password")
    {
        if (result.Succeeded)
        {
            return;
        }

        throw new InputValidationException(result.Errors
            .GroupBy(error => FieldOf(error.Code, passwordField))
            .ToDictionary(field => field.Key, field => field.Select(error => error.Description).ToArray()));
    }

    private static string FieldOf(string code, string passwordField) => code switch
    {
        _ when code.StartsWith("Password", StringComparison.Ordinal) => passwordField,
        _ when code.Contains("UserName", StringComparison.Ordinal) => "userName",
        _ when code.Contains("Email", StringComparison.Ordinal) => "email",
        _ when code.Contains("Role", StringComparison.Ordinal) => "roleNames",
        _ => "user"
    };
}
