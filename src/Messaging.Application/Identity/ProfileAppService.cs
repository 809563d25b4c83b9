using Messaging.ExceptionHandling;
using Messaging.Users;

namespace Messaging.Identity;

/// <summary>The signed-in user's own account; an API key or a machine client has none (404).</summary>
public sealed class ProfileAppService(IUserAccountManager accounts, ICurrentUser currentUser, SecurityLog securityLog) : IProfileAppService
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

    private Guid UserId() => currentUser.Id ?? throw NoProfile();

    private static EntityNotFoundException NoProfile() => new("Profile", "only signed-in users have a profile");

    private static ProfileDto ToDto(UserAccount account) => new(account.UserName, account.Email, account.Name, account.Surname);
}
