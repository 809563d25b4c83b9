using Messaging.TenantManagement;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.DbMigrations;

/// <summary>Creates the host admin key and the demo tenant with its key. Safe to run on every start.</summary>
public sealed class MessagingDataSeeder(MessagingDbContext db, TimeProvider clock)
{
    public async Task<SeedResult> SeedAsync(SeedOptions options, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var hostKey = await EnsureKeyAsync(null, "host-admin", options.HostAdminApiKey, now, cancellationToken);

        var demo = await db.Tenants.FirstOrDefaultAsync(t => t.Name == options.DemoTenantName, cancellationToken);
        if (demo is null)
        {
            demo = new Tenant(Guid.CreateVersion7(), options.DemoTenantName, TenantTier.Basic, now);
            db.Tenants.Add(demo);
            await db.SaveChangesAsync(cancellationToken);
        }

        var demoKey = await EnsureKeyAsync(demo.Id, "demo", options.DemoTenantApiKey, now, cancellationToken);
        return new SeedResult(hostKey, demoKey, demo.Id);
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
