using System.ComponentModel;
using Messaging.Authorization;
using Messaging.Backplane;
using Messaging.MultiTenancy;
using Messaging.RateLimiting;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.TenantManagement;

/// <summary>
/// Who a presented API key belongs to, and the key's name (for audit records). <see cref="TenantId"/> is null for the host admin.
/// Marked immutable so the cache hands out the same instance instead of a copy per request. It carries the tenant's
/// rate-limit override so that the limiter, on the hot path, needs nothing but this cached identity.
/// </summary>
/// <param name="Permissions">What the key may do: the permissions it was issued with, or all of its owner's side.</param>
[ImmutableObject(true)]
public sealed record ApiKeyIdentity(Guid KeyId, Guid? TenantId, TenantTier? Tier, bool TenantIsActive, IReadOnlyList<string> Permissions,
    TenantRateLimitOverride? RateLimitOverride = null, string? KeyName = null);

/// <summary>
/// Resolves raw API keys to identities, caching known keys by hash in this instance's memory so the hot path rarely
/// touches the database. Revocation and tenant changes evict the entry here at once and on other instances through
/// the backplane; an instance that misses the signal (Redis away) drops the entry when it expires, after
/// <see cref="EntryLifetime"/>. Identities are never shared through Redis: a copy there would outlive a revocation
/// whose eviction could not reach it, for as long as the copy lives. Unknown and revoked keys are not cached at all,
/// so a flood of made-up keys grows nothing (the host limits failed attempts per client instead).
/// </summary>
public sealed class ApiKeyAuthenticator
{
    /// <summary>Backplane channel on which every instance hears which key hashes to forget.</summary>
    public const string ForgetChannel = "apikeys.forget";

    /// <summary>The longest a revoked key stays usable on an instance that did not hear of the revocation.</summary>
    public static readonly TimeSpan EntryLifetime = TimeSpan.FromSeconds(30);

    private const int MaxRawKeyLength = 256;

    private static readonly HybridCacheEntryOptions KnownKeyEntry = new()
    {
        Expiration = EntryLifetime,
        LocalCacheExpiration = EntryLifetime,
        Flags = HybridCacheEntryFlags.DisableDistributedCache
    };

    private static readonly HybridCacheEntryOptions CachedEntryOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableDistributedCache | HybridCacheEntryFlags.DisableUnderlyingData
    };

    private readonly HybridCache _cache;
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly ApiKeyUsageRecorder _usage;
    private readonly IBackplane _backplane;
    private readonly TimeProvider _clock;
    private readonly ForgottenApiKeys _forgotten;

    private readonly PermissionCatalog _permissions;

    public ApiKeyAuthenticator(HybridCache cache, IServiceScopeFactory scopeFactory, ApiKeyUsageRecorder usage, IBackplane backplane,
        TimeProvider clock, PermissionCatalog permissions)
    {
        _permissions = permissions;
        _cache = cache;
        _scopeFactory = scopeFactory;
        _usage = usage;
        _backplane = backplane;
        _clock = clock;
        _forgotten = new ForgottenApiKeys(clock, EntryLifetime);
    }

    public async ValueTask<ApiKeyIdentity?> AuthenticateAsync(string rawKey, CancellationToken cancellationToken)
    {
        if (!IsPlausible(rawKey))
        {
            return null;
        }

        var hash = ApiKeySecret.Hash(rawKey);
        CachedIdentity cached;
        try
        {
            cached = await _cache.GetOrCreateAsync(CacheKey(hash), (this, hash),
                static async (state, token) => await state.Item1.LoadAsync(state.hash, token), KnownKeyEntry,
                cancellationToken: cancellationToken);
        }
        catch (UnknownApiKeyException)
        {
            return null;
        }

        var identity = _forgotten.Trusts(hash, cached.LookupGeneration)
            ? cached.Identity
            : await ReloadAsync(hash, cancellationToken);
        if (identity is not null)
        {
            _usage.Record(identity.KeyId, _clock.GetUtcNow().UtcDateTime);
        }

        return identity;
    }

    /// <summary>The identity of a key this instance has cached, without asking the database about any other.</summary>
    public async ValueTask<ApiKeyIdentity?> FindCachedAsync(string rawKey, CancellationToken cancellationToken)
    {
        if (!IsPlausible(rawKey))
        {
            return null;
        }

        var hash = ApiKeySecret.Hash(rawKey);
        var cached = await _cache.GetOrCreateAsync<CachedIdentity?>(CacheKey(hash), static _ => ValueTask.FromResult<CachedIdentity?>(null),
            CachedEntryOnly, cancellationToken: cancellationToken);
        if (cached is null || !_forgotten.Trusts(hash, cached.LookupGeneration))
        {
            return null;
        }

        _usage.Record(cached.Identity.KeyId, _clock.GetUtcNow().UtcDateTime);
        return cached.Identity;
    }

    /// <summary>
    /// Evicts a key everywhere: here at once, on other instances through the backplane. Called after the change is
    /// committed, so it is not cancellable: a caller that went away must not leave the old identity in use.
    /// </summary>
    public async Task ForgetAsync(string keyHash)
    {
        await ForgetLocallyAsync(keyHash);
        await _backplane.PublishAsync(ForgetChannel, keyHash, CancellationToken.None);
    }

    public ValueTask ForgetLocallyAsync(string keyHash)
    {
        _forgotten.Forget(keyHash);
        return _cache.RemoveAsync(CacheKey(keyHash), CancellationToken.None);
    }

    private static bool IsPlausible(string rawKey) => !string.IsNullOrEmpty(rawKey) && rawKey.Length <= MaxRawKeyLength;

    private static string CacheKey(string keyHash) => "apikey:" + keyHash;

    /// <summary>A cached entry from before the key's last eviction: ask the database, and cache the answer afresh.</summary>
    private async Task<ApiKeyIdentity?> ReloadAsync(string hash, CancellationToken cancellationToken)
    {
        await _cache.RemoveAsync(CacheKey(hash), CancellationToken.None);
        try
        {
            return (await LoadAsync(hash, cancellationToken)).Identity;
        }
        catch (UnknownApiKeyException)
        {
            return null;
        }
    }

    private async Task<CachedIdentity> LoadAsync(string hash, CancellationToken cancellationToken)
    {
        // Taken before the database is read, so an eviction committed during the read makes this entry untrusted.
        var generation = _forgotten.Current;
        await using var scope = _scopeFactory.CreateAsyncScope();
        var apiKeys = scope.ServiceProvider.GetRequiredService<IApiKeyRepository>();
        var key = await apiKeys.FindByHashAsync(hash, cancellationToken);
        if (key is null || key.IsRevoked || !ApiKeySecret.HashesEqual(key.KeyHash, hash))
        {
            throw new UnknownApiKeyException();
        }

        if (key.TenantId is not { } tenantId)
        {
            return new CachedIdentity(new ApiKeyIdentity(key.Id, null, null, true, PermissionsOf(key, _permissions.HostPermissions), KeyName: key.Name),
                generation);
        }

        var tenant = await scope.ServiceProvider.GetRequiredService<ITenantRepository>().FindAsync(tenantId, cancellationToken)
                     ?? throw new UnknownApiKeyException();
        return new CachedIdentity(new ApiKeyIdentity(key.Id, tenant.Id, tenant.Tier, tenant.IsActive,
            PermissionsOf(key, _permissions.TenantPermissions), tenant.RateLimitOverride, key.Name),
            generation);
    }

    /// <summary>A key's own list, less what is no longer defined; a key issued without a list has all of its owner's.</summary>
    private IReadOnlyList<string> PermissionsOf(ApiKey key, IReadOnlyList<string> ownersPermissions) =>
        key.PermissionList is { } granted ? granted.Where(ownersPermissions.Contains).ToList() : ownersPermissions;

    [ImmutableObject(true)]
    private sealed record CachedIdentity(ApiKeyIdentity Identity, long LookupGeneration);

    /// <summary>
    /// Ends a lookup that found no usable key. Thrown rather than returned because the cache stores whatever a lookup
    /// returns, and misses must not be stored; concurrent callers of the same key still share the one lookup.
    /// </summary>
    private sealed class UnknownApiKeyException : Exception;
}
