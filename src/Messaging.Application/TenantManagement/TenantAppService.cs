using Messaging.Caching;
using Messaging.ExceptionHandling;

namespace Messaging.TenantManagement;

public sealed class TenantAppService(
    ITenantRepository tenants,
    IApiKeyRepository apiKeys,
    ApiKeyAuthenticator authenticator,
    TenantCache tenantCache,
    TimeProvider clock) : ITenantAppService
{
    public async Task<PagedResultDto<TenantDto>> GetListAsync(int skipCount = 0, int maxResultCount = 50, CancellationToken cancellationToken = default)
    {
        if (skipCount < 0 || maxResultCount is < 1 or > 1000)
        {
            throw new InputValidationException(new Dictionary<string, string[]>
            {
                ["maxResultCount"] = ["skipCount must be 0 or more and maxResultCount between 1 and 1000."]
            });
        }

        var total = await tenants.CountAsync(cancellationToken);
        var items = await tenants.GetListAsync(skipCount, maxResultCount, cancellationToken);
        return new PagedResultDto<TenantDto>(total, items.Select(ToDto).ToList());
    }

    public async Task<TenantDto> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        ToDto(await FindAsync(id, cancellationToken));

    public async Task<TenantDto> CreateAsync(CreateTenantDto input, CancellationToken cancellationToken = default)
    {
        var name = TenantInput.RequireName(input.Name, "name", TenantConsts.MaxNameLength);
        if (input.Tier is null)
        {
            throw TenantInput.Invalid("tier", "The tier is required: Basic, Premium or Enterprise.");
        }

        if (await tenants.NameExistsAsync(name, cancellationToken))
        {
            throw new ConflictException($"A tenant named '{name}' already exists.");
        }

        var tenant = new Tenant(Guid.CreateVersion7(), name, input.Tier.Value, clock.GetUtcNow().UtcDateTime);
        await tenants.InsertAsync(tenant, cancellationToken);
        await tenants.SaveChangesAsync(cancellationToken);
        return ToDto(tenant);
    }

    public async Task<TenantDto> UpdateAsync(Guid id, UpdateTenantDto input, CancellationToken cancellationToken = default)
    {
        var tenant = await FindAsync(id, cancellationToken);
        if (input.Name is not null)
        {
            var name = TenantInput.RequireName(input.Name, "name", TenantConsts.MaxNameLength);
            if (!string.Equals(name, tenant.Name, StringComparison.Ordinal) && await tenants.NameExistsAsync(name, cancellationToken))
            {
                throw new ConflictException($"A tenant named '{name}' already exists.");
            }

            tenant.Rename(name);
        }

        if (input.Tier is { } tier)
        {
            tenant.ChangeTier(tier);
        }

        if (input.IsActive is { } isActive)
        {
            if (isActive)
            {
                tenant.Activate();
            }
            else
            {
                tenant.Deactivate();
            }
        }

        await tenants.SaveChangesAsync(cancellationToken);
        await tenantCache.RemoveAllAsync(tenant.Id, cancellationToken);
        // Cached identities carry the tier and the active flag; forget them so the change holds at once.
        foreach (var key in await apiKeys.GetListAsync(tenant.Id, cancellationToken))
        {
            await authenticator.ForgetAsync(key.KeyHash, cancellationToken);
        }

        return ToDto(tenant);
    }

    public async Task<ApiKeyCreatedDto> CreateApiKeyAsync(Guid tenantId, CreateApiKeyDto input, CancellationToken cancellationToken = default)
    {
        var tenant = await FindAsync(tenantId, cancellationToken);
        return await ApiKeyIssuer.IssueAsync(apiKeys, tenant.Id, input, clock, cancellationToken);
    }

    private async Task<Tenant> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await tenants.FindAsync(id, cancellationToken) ?? throw new EntityNotFoundException("Tenant", id);

    private static TenantDto ToDto(Tenant tenant) => new(tenant.Id, tenant.Name, tenant.Tier, tenant.IsActive, tenant.CreatedAt);
}
