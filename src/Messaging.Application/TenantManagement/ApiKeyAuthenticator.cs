using System.ComponentModel;
using Messaging.Backplane;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.TenantManagement;

/// <summary>
/// Who a presented API key belongs to. <see cref="TenantId"/> is null for the host admin.
/// Marked immutable so the cache hands out the same instance instead of a copy per request. It carries the tenant's
/// rate-limit override so that the limiter, on the hot path, needs nothing but this cached identity.
/// </summary>
[ImmutableObject(true)]
public sealed record ApiKeyIdentity(Guid KeyId, Guid? TenantId, TenantTier? Tier, bool TenantIsActive,
    TenantRateLimitOverride? RateLimitOverride = null);

/// <summary>
/// Resolves raw API keys to identities, caching by key hash so the hot path rarely touches the database.
/// Revocation and tenant changes evict the cached entry, so they take effect at once on this instance.
/// </summary>
public sealed class ApiKeyAuthenticator(
    HybridCache cache,
    IServiceScopeFactory scopeFactory,
    ApiKeyUsageRecorder usage,
    IBackplane backplane,
    TimeProvider clock)
{
    /// <summary>Backplane channel on which every instance hears which key hashes to forget.</summary>
    public const string ForgetChannel = "apikeys.forget";

    private const int MaxRawKeyLength = 256;

    private static readonly HybridCacheEntryOptions KnownKeyEntry = new()
    {
        Expiration = TimeSpan.FromMinutes(5),
        LocalCacheExpiration = TimeSpan.FromSeconds(30)
    };

    public async ValueTask<ApiKeyIdentity?> AuthenticateAsync(string rawKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(rawKey) || rawKey.Length > MaxRawKeyLength)
        {
            return null;
        }

        var hash = ApiKeySecret.Hash(rawKey);
        var identity = await cache.GetOrCreateAsync(
            CacheKey(hash),
            (scopeFactory, hash),
            static async (state, token) => await LoadAsync(state.scopeFactory, state.hash, token),
            KnownKeyEntry,
            cancellationToken: cancellationToken);
        if (identity is not null)
        {
            usage.Record(identity.KeyId, clock.GetUtcNow().UtcDateTime);
        }

        return identity;
    }

    /// <summary>Evicts a key everywhere: here and in the shared cache at once, on other instances through the backplane.</summary>
    public async Task ForgetAsync(string keyHash, CancellationToken cancellationToken)
    {
        await ForgetLocallyAsync(keyHash, cancellationToken);
        await backplane.PublishAsync(ForgetChannel, keyHash, cancellationToken);
    }

    public ValueTask ForgetLocallyAsync(string keyHash, CancellationToken cancellationToken) =>
        cache.RemoveAsync(CacheKey(keyHash), cancellationToken);

    private static string CacheKey(string keyHash) => "apikey:" + keyHash;

    private static async Task<ApiKeyIdentity?> LoadAsync(IServiceScopeFactory scopeFactory, string hash, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var apiKeys = scope.ServiceProvider.GetRequiredService<IApiKeyRepository>();
        var key = await apiKeys.FindByHashAsync(hash, cancellationToken);
        if (key is null || key.IsRevoked || !ApiKeySecret.HashesEqual(key.KeyHash, hash))
        {
            return null;
        }

        if (key.TenantId is not { } tenantId)
        {
            return new ApiKeyIdentity(key.Id, null, null, true);
        }

        var tenant = await scope.ServiceProvider.GetRequiredService<ITenantRepository>().FindAsync(tenantId, cancellationToken);
        return tenant is null ? null : new ApiKeyIdentity(key.Id, tenant.Id, tenant.Tier, tenant.IsActive, tenant.RateLimitOverride);
    }
}
