using System.Security.Cryptography;
using Messaging.Authorization;
using Messaging.ExceptionHandling;
using Messaging.MultiTenancy;

namespace Messaging.Identity;

/// <summary>
/// Machine clients of the caller's tenant: their permissions are checked as an API key's are, their client id and secret
/// are generated here, and every creation, change, new secret and deletion goes to the security log.
/// </summary>
public sealed class MachineClientAppService(IMachineClientStore clients, ICurrentTenant currentTenant, PermissionCatalog catalog, SecurityLog securityLog)
    : IMachineClientAppService
{
    public const int MaxDisplayNameLength = 128;

    /// <summary>OpenIddict keeps the list in the client's properties; the bound only keeps one client's list reasonable.</summary>
    private const int MaxPermissionsLength = 2048;

    public async Task<IReadOnlyList<MachineClientDto>> GetListAsync(CancellationToken cancellationToken = default) =>
        (await clients.GetListAsync(cancellationToken)).Select(ToDto).ToList();

    public async Task<MachineClientDto> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        ToDto(await clients.FindAsync(id, cancellationToken) ?? throw NotFound(id));

    public async Task<MachineClientSecretDto> CreateAsync(MachineClientCreateUpdateDto input, CancellationToken cancellationToken = default)
    {
        var (displayName, permissions) = Validated(input);
        var secret = NewSecret();
        var created = await clients.CreateAsync("mc-" + RandomNumberGenerator.GetHexString(24, lowercase: true), displayName, permissions, secret,
            cancellationToken);
        await securityLog.WriteAsync(SecurityLogAction.ClientCreated, created.ClientId, cancellationToken: cancellationToken);
        return WithSecret(created, secret);
    }

    public async Task<MachineClientDto> UpdateAsync(Guid id, MachineClientCreateUpdateDto input, CancellationToken cancellationToken = default)
    {
        var (displayName, permissions) = Validated(input);
        var updated = await clients.UpdateAsync(id, displayName, permissions, cancellationToken) ?? throw NotFound(id);
        await securityLog.WriteAsync(SecurityLogAction.ClientChanged, updated.ClientId, cancellationToken: cancellationToken);
        return ToDto(updated);
    }

    public async Task<MachineClientSecretDto> RotateSecretAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var client = await clients.FindAsync(id, cancellationToken) ?? throw NotFound(id);
        var secret = NewSecret();
        if (!await clients.ReplaceSecretAsync(id, secret, cancellationToken))
        {
            throw NotFound(id);
        }

        await securityLog.WriteAsync(SecurityLogAction.ClientSecretRotated, client.ClientId, cancellationToken: cancellationToken);
        return WithSecret(client, secret);
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var client = await clients.FindAsync(id, cancellationToken) ?? throw NotFound(id);
        if (!await clients.DeleteAsync(id, cancellationToken))
        {
            throw NotFound(id);
        }

        await securityLog.WriteAsync(SecurityLogAction.ClientDeleted, client.ClientId, cancellationToken: cancellationToken);
    }

    private (string DisplayName, List<string>? Permissions) Validated(MachineClientCreateUpdateDto input) =>
        (IdentityUserAppService.Bounded(input.DisplayName, "displayName", MaxDisplayNameLength)
         ?? throw IdentityUserAppService.Invalid("displayName", "The display name is required."),
            GrantablePermissions.Require(input.Permissions, currentTenant.Id is null ? PermissionSides.Host : PermissionSides.Tenant, catalog,
                "client", MaxPermissionsLength));

    /// <summary>256 random bits, as a generated API key has.</summary>
    private static string NewSecret() => RandomNumberGenerator.GetHexString(64, lowercase: true);

    private static EntityNotFoundException NotFound(Guid id) => new("Machine client", id);

    private static MachineClientDto ToDto(MachineClient client) => new(client.Id, client.ClientId, client.DisplayName, client.Permissions);

    private static MachineClientSecretDto WithSecret(MachineClient client, string secret) =>
        new(client.Id, client.ClientId, client.DisplayName, client.Permissions, secret);
}
