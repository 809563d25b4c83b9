using Messaging.EntityFrameworkCore.DbMigrations;
using Messaging.MultiTenancy;
using Messaging.TenantManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Messaging.EntityFrameworkCore.TenantManagement;

/// <summary>
/// Creates the host admin key and, where asked, the demo tenant with its key. Safe to run on every start. A configured
/// host key that changed replaces the one seeded before (which is revoked in the same transaction).
/// </summary>
public sealed class TenantManagementDataSeeder(MessagingDbContext db, IOptions<TenantSeedOptions> seedOptions, TimeProvider clock) : IDataSeedContributor
{
    public async Task<IReadOnlyList<SeededValue>> SeedAsync(CancellationToken cancellationToken)
    {
        var options = seedOptions.Value;
        options.EnsureConfiguredKeysAreStrong();
        var now = clock.GetUtcNow().UtcDateTime;
        var hostKey = string.IsNullOrWhiteSpace(options.HostAdminApiKey)
            ? await EnsureKeyAsync(null, ApiKey.SeededHostKeyName, null, now, cancellationToken)
            : await ReplaceSeededHostKeyAsync(options.HostAdminApiKey, now, cancellationToken);
        var generated = new List<SeededValue>();
        if (hostKey is not null)
        {
            generated.Add(new SeededValue("Host admin key", hostKey));
        }

        if (options.DemoTenant != true)
        {
            return generated;
        }

        var demo = await db.Tenants.FirstOrDefaultAsync(t => t.Name == options.DemoTenantName, cancellationToken);
        if (demo is null)
        {
            demo = new Tenant(Guid.CreateVersion7(), options.DemoTenantName, TenantTier.Basic, now);
            db.Tenants.Add(demo);
            await db.SaveChangesAsync(cancellationToken);
        }

        if (await EnsureKeyAsync(demo.Id, "demo", options.DemoTenantApiKey, now, cancellationToken) is { } demoKey)
        {
            generated.Add(new SeededValue("Demo tenant key", demoKey));
            generated.Add(new SeededValue("Demo tenant id", demo.Id.ToString()));
        }

        return generated;
    }

    private async Task<string?> ReplaceSeededHostKeyAsync(string configuredKey, DateTime now, CancellationToken cancellationToken)
    {
        var hash = ApiKeySecret.Hash(configuredKey);
        var existing = await db.ApiKeys.FirstOrDefaultAsync(k => k.KeyHash == hash, cancellationToken);
        if (existing is not null)
        {
            return existing is { IsHostKey: true, IsRevoked: false } ? null : throw new InvalidOperationException(
                "Seed:HostAdminApiKey names a key that was revoked or belongs to a tenant; configure a new one.");
        }

        var replaced = await db.ApiKeys
            .Where(k => k.TenantId == null && k.Name == ApiKey.SeededHostKeyName && k.RevokedAt == null)
            .ToListAsync(cancellationToken);
        foreach (var previous in replaced)
        {
            previous.Revoke(now);
        }

        db.ApiKeys.Add(new ApiKey(Guid.CreateVersion7(), null, ApiKey.SeededHostKeyName, hash, ApiKeySecret.PrefixOf(configuredKey), now));
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Stores the configured key if it is new; generates one only when the owner has no usable key. Returns a generated key.</summary>
    private async Task<string?> EnsureKeyAsync(Guid? tenantId, string name, string? configuredKey, DateTime now, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(configuredKey))
        {
            var hash = ApiKeySecret.Hash(configuredKey);
            if (!await db.ApiKeys.AnyAsync(k => k.KeyHash == hash, cancellationToken))
            {
                db.ApiKeys.Add(new ApiKey(Guid.CreateVersion7(), tenantId, name, hash, ApiKeySecret.PrefixOf(configuredKey), now));
                await db.SaveChangesAsync(cancellationToken);
            }

            return null;
        }

        if (await db.ApiKeys.AnyAsync(k => k.TenantId == tenantId && k.RevokedAt == null, cancellationToken))
        {
            return null;
        }

        var generated = ApiKeySecret.Generate();
        db.ApiKeys.Add(new ApiKey(Guid.CreateVersion7(), tenantId, name, ApiKeySecret.Hash(generated), ApiKeySecret.PrefixOf(generated), now));
        await db.SaveChangesAsync(cancellationToken);
        return generated;
    }
}
