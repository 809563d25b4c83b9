using Messaging.Dtos;
using Messaging.ExceptionHandling;
using Messaging.MultiTenancy;
using Messaging.Users;

namespace Messaging.Identity;

public sealed class IdentityUserAppService(IUserAccountManager accounts, ICurrentUser currentUser, ICurrentTenant currentTenant, ITenantStore tenants,
    ITenantRoleStore tenantRoles, SecurityLog securityLog, AccountEmails accountEmails) : IIdentityUserAppService
{
    public async Task<PagedResultDto<IdentityUserDto>> GetListAsync(int skipCount = 0, int maxResultCount = 50, CancellationToken cancellationToken = default)
    {
        if (skipCount < 0 || maxResultCount is < 1 or > 1000)
        {
            throw Invalid("maxResultCount", "skipCount must be 0 or more and maxResultCount between 1 and 1000.");
        }

        var (items, total) = await accounts.GetListAsync(skipCount, maxResultCount, cancellationToken);
        return new PagedResultDto<IdentityUserDto>(total, items.Select(ToDto).ToList());
    }

    public async Task<IdentityUserDto> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        ToDto(await accounts.FindAsync(id, cancellationToken) ?? throw new EntityNotFoundException("User", id));

    public async Task<IdentityUserDto> CreateAsync(IdentityUserCreateDto input, CancellationToken cancellationToken = default)
    {
        var created = await accounts.CreateAsync(await ValuesAsync(input.UserName, input.Email, input.Name, input.Surname, input.IsActive, input.RoleNames,
            input.Password ?? throw Invalid("password", "The password is required."), cancellationToken), cancellationToken);
        await securityLog.WriteAsync(SecurityLogAction.UserCreated, created.UserName, cancellationToken: cancellationToken);
        await WelcomeAsync(created, cancellationToken);
        return ToDto(created);
    }

    public async Task<IdentityUserDto> UpdateAsync(Guid id, IdentityUserUpdateDto input, CancellationToken cancellationToken = default)
    {
        if (id == currentUser.Id)
        {
            await RefuseLockingOneselfOutAsync(id, input, cancellationToken);
        }

        var updated = await accounts.UpdateAsync(id, await ValuesAsync(input.UserName, input.Email, input.Name, input.Surname, input.IsActive, input.RoleNames,
            input.Password, cancellationToken), cancellationToken) ?? throw new EntityNotFoundException("User", id);
        await securityLog.WriteAsync(SecurityLogAction.UserChanged, updated.UserName, cancellationToken: cancellationToken);
        return ToDto(updated);
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var user = await accounts.FindAsync(id, cancellationToken) ?? throw new EntityNotFoundException("User", id);
        if (id == currentUser.Id)
        {
            throw new UnprocessableRequestException(MessagingErrorCodes.OwnAccount,
                "You cannot delete your own account; another administrator can.");
        }

        if (!await accounts.DeleteAsync(id, cancellationToken))
        {
            throw new EntityNotFoundException("User", id);
        }

        await securityLog.WriteAsync(SecurityLogAction.UserDeleted, user.UserName, cancellationToken: cancellationToken);
    }

    /// <summary>An administrator who disabled their own account or dropped their own administrator role would be locked out with nobody to undo it.</summary>
    private async Task RefuseLockingOneselfOutAsync(Guid id, IdentityUserUpdateDto input, CancellationToken cancellationToken)
    {
        var self = await accounts.FindAsync(id, cancellationToken) ?? throw new EntityNotFoundException("User", id);
        if (!input.IsActive)
        {
            throw new UnprocessableRequestException(MessagingErrorCodes.OwnAccount,
                "You cannot disable your own account; another administrator can.");
        }

        var dropped = self.Roles.Where(role => role is IdentityRoleNames.Admin or IdentityRoleNames.HostAdmin).Except(input.RoleNames).ToList();
        if (dropped.Count > 0)
        {
            throw new UnprocessableRequestException(MessagingErrorCodes.OwnAccount,
                $"You cannot take the role {dropped[0]} from your own account; another administrator can.");
        }
    }

    private async Task WelcomeAsync(UserAccount created, CancellationToken cancellationToken)
    {
        if (created.Email is null || await accounts.GenerateEmailConfirmationTokenAsync(created.Id, cancellationToken) is not { } token)
        {
            return;
        }

        var tenant = currentTenant.Id is { } tenantId ? await tenants.FindAsync(tenantId, cancellationToken) : null;
        await accountEmails.SendWelcomeAsync(new AccountEmailRecipient(created.Id, created.UserName, created.Email, created.Name), currentTenant.Id,
            tenant?.Name, token, cancellationToken);
    }

    internal static IdentityUserDto ToDto(UserAccount account) =>
        new(account.Id, account.UserName, account.Email, account.EmailConfirmed, account.Name, account.Surname, account.IsActive, account.LockoutEnd, account.Roles);

    internal static InputValidationException Invalid(string field, string problem) =>
        new(new Dictionary<string, string[]> { [field] = [problem] });

    private async Task<UserAccountValues> ValuesAsync(string? userName, string? email, string? name, string? surname, bool isActive, List<string> roles,
        string? password, CancellationToken cancellationToken)
    {
        var grantable = currentTenant.Id is null
            ? [IdentityRoleNames.HostAdmin]
            : IdentityRoleNames.TenantRoles.Concat((await tenantRoles.GetListAsync(cancellationToken)).Select(role => role.Name)).ToList();
        var refused = roles.Where(role => !grantable.Contains(role)).ToList();
        if (refused.Count > 0)
        {
            throw Invalid("roleNames", $"Not a role these users can have: {string.Join(", ", refused)}; choose from {string.Join(", ", grantable)}.");
        }

        return new UserAccountValues(
            Bounded(userName, "userName", IdentityConsts.MaxUserNameLength) ?? throw Invalid("userName", "The user name is required."),
            Bounded(email, "email", IdentityConsts.MaxEmailLength), Bounded(name, "name", IdentityConsts.MaxNameLength),
            Bounded(surname, "surname", IdentityConsts.MaxNameLength), isActive, roles.Distinct(StringComparer.Ordinal).ToList(), password);
    }

    internal static string? Bounded(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        return trimmed is { Length: 0 } ? null
            : trimmed?.Length > maxLength ? throw Invalid(field, $"The {field} must be at most {maxLength} characters.")
            : trimmed;
    }
}
