using Messaging.Authorization;
using Messaging.Caching;
using Messaging.Dtos;
using Messaging.ExceptionHandling;
using Messaging.RateLimiting;

namespace Messaging.TenantManagement;

public sealed class TenantAppService(
    ITenantRepository tenants,
    IApiKeyRepository apiKeys,
    ApiKeyAuthenticator authenticator,
    TenantCache tenantCache,
    TenantRateLimitPolicy rateLimitPolicy,
    PermissionCatalog permissionCatalog,
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
        await ForgetKeysAsync(tenant.Id);
        await tenantCache.RemoveAllAsync(tenant.Id, CancellationToken.None);
        return ToDto(tenant);
    }

    public async Task<TenantRateLimitDto> GetRateLimitAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        ToRateLimitDto(await FindAsync(tenantId, cancellationToken));

    public async Task<TenantRateLimitDto> SetRateLimitOverrideAsync(Guid tenantId, TenantRateLimitOverrideDto input,
        CancellationToken cancellationToken = default)
    {
        var limits = new TenantRateLimitOverride(input.RequestsPerMinute, input.BurstLimit, input.ConcurrentRequests);
        var errors = new Dictionary<string, string[]>();
        if (limits.IsEmpty)
        {
            errors["requestsPerMinute"] = ["Set at least one of requestsPerMinute, burstLimit and concurrentRequests."];
        }

        foreach (var (field, value) in new[] { ("requestsPerMinute", limits.RequestsPerMinute), ("burstLimit", limits.BurstLimit),
                     ("concurrentRequests", limits.ConcurrentRequests) })
        {
            if (value < 1)
            {
                errors[field] = [$"The {field} must be at least 1 (leave it out to keep the tier's)."];
            }
        }

        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }

        var tenant = await FindAsync(tenantId, cancellationToken);
        tenant.OverrideRateLimits(limits);
        await tenants.SaveChangesAsync(cancellationToken);
        await ForgetKeysAsync(tenant.Id);
        return ToRateLimitDto(tenant);
    }

    public async Task<TenantRateLimitDto> ClearRateLimitOverrideAsync(Guid tenantId, CancellationToken cancellationToken = default)
    {
        var tenant = await FindAsync(tenantId, cancellationToken);
        tenant.ClearRateLimitOverride();
        await tenants.SaveChangesAsync(cancellationToken);
        await ForgetKeysAsync(tenant.Id);
        return ToRateLimitDto(tenant);
    }

    public async Task<ApiKeyCreatedDto> CreateApiKeyAsync(Guid tenantId, CreateApiKeyDto input, CancellationToken cancellationToken = default)
    {
        var tenant = await FindAsync(tenantId, cancellationToken);
        return await ApiKeyIssuer.IssueAsync(apiKeys, tenant.Id, input, permissionCatalog, clock, cancellationToken);
    }

    /// <summary>
    /// Cached identities carry the tier, the active flag and the rate-limit override; forgetting them here and, through
    /// the backplane, on every instance makes a change hold at once. The change is committed by then, so a caller
    /// that went away must not cut this short.
    /// </summary>
    private async Task ForgetKeysAsync(Guid tenantId)
    {
        foreach (var key in await apiKeys.GetListAsync(tenantId, CancellationToken.None))
        {
            await authenticator.ForgetAsync(key.KeyHash);
        }
    }

    private TenantRateLimitDto ToRateLimitDto(Tenant tenant)
    {
        var custom = tenant.RateLimitOverride;
        var limits = rateLimitPolicy.For(tenant.Tier, custom);
        var overrideDto = custom is null ? null : new TenantRateLimitOverrideDto
        {
            RequestsPerMinute = custom.RequestsPerMinute,
            BurstLimit = custom.BurstLimit,
            ConcurrentRequests = custom.ConcurrentRequests
        };
        return new TenantRateLimitDto(tenant.Id, tenant.Tier, limits.PerWindow, limits.Burst, limits.Concurrent, limits.Window, overrideDto);
    }

    private async Task<Tenant> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await tenants.FindAsync(id, cancellationToken) ?? throw new EntityNotFoundException("Tenant", id);

    private static TenantDto ToDto(Tenant tenant) => new(tenant.Id, tenant.Name, tenant.Tier, tenant.IsActive, tenant.CreatedAt);
}
