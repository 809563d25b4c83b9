using Messaging.ExceptionHandling;
using Messaging.MultiTenancy;
using Messaging.Users;

namespace Messaging.Identity;

/// <summary>The signed-in user's own account; an API key or a machine client has none (404), only its permissions.</summary>
public sealed class ProfileAppService(IUserAccountManager accounts, ICurrentUser currentUser, ICurrentTenant currentTenant, ITenantStore tenants,
    SecurityLog securityLog) : IProfileAppService
{
    public async Task<ProfileDto> GetAsync(CancellationToken cancellationToken = default) =>
        ToDto(await accounts.FindAsync(UserId(), cancellationToken) ?? throw NoProfile());

    public async Task<ProfileDto> UpdateAsync(UpdateProfileDto input, CancellationToken cancellationToken = default) =>
        ToDto(await accounts.UpdateProfileAsync(UserId(),
            IdentityUserAppService.Bounded(input.Email, "email", IdentityConsts.MaxEmailLength),
            IdentityUserAppService.Bounded(input.Name, "name", IdentityConsts.MaxNameLength),
            IdentityUserAppService.Bounded(input.Surname, "surname", IdentityConsts.MaxNameLength), cancellationToken) ?? throw NoProfile());

    public async Task ChangePasswordAsync(ChangePasswordInput input, CancellationToken cancellationToken = default)
    {
        var account = await accounts.FindAsync(UserId(), cancellationToken) ?? throw NoProfile();
        if (!await accounts.ChangePasswordAsync(UserId(), input.CurrentPassword ?? "", input.NewPassword ?? "", cancellationToken))
        {
            throw IdentityUserAppService.Invalid("currentPassword", "The current password is wrong.");
        }

        await securityLog.WriteAsync(SecurityLogAction.PasswordChanged, account.UserName, cancellationToken: cancellationToken);
    }

    public async Task<TwoFactorDto> GetTwoFactorAsync(CancellationToken cancellationToken = default)
    {
        var account = await accounts.FindAsync(UserId(), cancellationToken) ?? throw NoProfile();
        var (sharedKey, isEnabled) = await accounts.GetAuthenticatorAsync(account.Id, cancellationToken);
        return isEnabled
            ? new TwoFactorDto(true, null, null, await accounts.CountRecoveryCodesAsync(account.Id, cancellationToken))
            : new TwoFactorDto(false, sharedKey,
                $"otpauth://totp/{Uri.EscapeDataString("Messaging:" + account.UserName)}?secret={sharedKey}&issuer=Messaging&digits=6", 0);
    }

    public async Task<TwoFactorDto> EnableTwoFactorAsync(EnableTwoFactorInput input, CancellationToken cancellationToken = default)
    {
        var account = await accounts.FindAsync(UserId(), cancellationToken) ?? throw NoProfile();
        if (!await accounts.EnableTwoFactorAsync(account.Id, (input.Code ?? "").Replace(" ", "", StringComparison.Ordinal), cancellationToken))
        {
            throw IdentityUserAppService.Invalid("code", "The code does not match the authenticator key; enter the one the app shows now.");
        }

        await securityLog.WriteAsync(SecurityLogAction.TwoFactorEnabled, account.UserName, cancellationToken: cancellationToken);
        return new TwoFactorDto(true, null, null, 0);
    }

    public async Task<TwoFactorDto> DisableTwoFactorAsync(CancellationToken cancellationToken = default)
    {
        var account = await accounts.FindAsync(UserId(), cancellationToken) ?? throw NoProfile();
        await accounts.DisableTwoFactorAsync(account.Id, cancellationToken);
        await securityLog.WriteAsync(SecurityLogAction.TwoFactorDisabled, account.UserName, cancellationToken: cancellationToken);
        return await GetTwoFactorAsync(cancellationToken);
    }

    public async Task<RecoveryCodesDto> GenerateRecoveryCodesAsync(CancellationToken cancellationToken = default)
    {
        var account = await accounts.FindAsync(UserId(), cancellationToken) ?? throw NoProfile();
        var codes = await accounts.GenerateRecoveryCodesAsync(account.Id, RecoveryCodeCount, cancellationToken)
                    ?? throw IdentityUserAppService.Invalid("twoFactor", "Turn the second factor on before asking for recovery codes.");
        await securityLog.WriteAsync(SecurityLogAction.RecoveryCodesGenerated, account.UserName, cancellationToken: cancellationToken);
        return new RecoveryCodesDto(codes);
    }

    public async Task<GrantedPermissionsDto> GetGrantedPermissionsAsync(CancellationToken cancellationToken = default)
    {
        var tenant = currentTenant.Id is { } tenantId ? await tenants.FindAsync(tenantId, cancellationToken) : null;
        return new GrantedPermissionsDto(currentTenant.Id, tenant?.Name, currentUser.Name, currentUser.Permissions);
    }

    /// <summary>As many as ASP.NET Core Identity's own account pages give.</summary>
    private const int RecoveryCodeCount = 10;

    private Guid UserId() => currentUser.Id ?? throw NoProfile();

    private static EntityNotFoundException NoProfile() => new("Profile", "only signed-in users have a profile");

    private static ProfileDto ToDto(UserAccount account) => new(account.UserName, account.Email, account.Name, account.Surname);
}
