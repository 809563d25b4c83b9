using Messaging.Authorization;
using Messaging.DistributedLocking;
using Messaging.ExceptionHandling;

namespace Messaging.TenantManagement;

public sealed class HostApiKeyAppService(
    IApiKeyRepository apiKeys,
    ApiKeyAuthenticator authenticator,
    IDistributedLock distributedLock,
    PermissionCatalog permissionCatalog,
    TimeProvider clock) : IHostApiKeyAppService
{
    /// <summary>Held while a host key is revoked, so two revocations cannot each leave the other's key as the last.</summary>
    private const string RevocationLock = "host-api-keys.revoke";

    public async Task<IReadOnlyList<ApiKeyDto>> GetListAsync(CancellationToken cancellationToken = default)
    {
        var keys = await apiKeys.GetHostKeysAsync(cancellationToken);
        return keys.Select(key => new ApiKeyDto(key.Id, key.Name, key.Prefix, key.CreatedAt, key.RevokedAt, key.LastUsedAt, key.PermissionList)).ToList();
    }

    public Task<ApiKeyCreatedDto> CreateAsync(CreateApiKeyDto input, CancellationToken cancellationToken = default)
    {
        if (string.Equals(input.Name?.Trim(), ApiKey.SeededHostKeyName, StringComparison.OrdinalIgnoreCase))
        {
            throw TenantInput.Invalid("name", $"'{ApiKey.SeededHostKeyName}' is the name of the key seeded from configuration; choose another.");
        }

        return ApiKeyIssuer.IssueAsync(apiKeys, null, input, permissionCatalog, clock, cancellationToken);
    }

    public async Task RevokeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var held = await distributedLock.TryAcquireAsync(RevocationLock, TimeSpan.FromSeconds(30), cancellationToken)
                               ?? throw new ConflictException("Another host key is being revoked right now; try again.");
        var key = await apiKeys.FindHostKeyAsync(id, cancellationToken) ?? throw new EntityNotFoundException("ApiKey", id);
        if (!key.IsRevoked)
        {
            var active = (await apiKeys.GetHostKeysAsync(cancellationToken)).Count(hostKey => !hostKey.IsRevoked);
            if (active <= 1)
            {
                throw new ConflictException("This is the last active host key: create another before revoking it.");
            }
        }

        key.Revoke(clock.GetUtcNow().UtcDateTime);
        await apiKeys.SaveChangesAsync(cancellationToken);
        await authenticator.ForgetAsync(key.KeyHash);
    }
}
