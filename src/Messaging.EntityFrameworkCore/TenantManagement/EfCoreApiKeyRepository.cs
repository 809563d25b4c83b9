using Messaging.TenantManagement;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.TenantManagement;

public sealed class EfCoreApiKeyRepository(MessagingDbContext db) : IApiKeyRepository
{
    public Task<ApiKey?> FindByHashAsync(string keyHash, CancellationToken cancellationToken = default) =>
        db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == keyHash, cancellationToken);

    public Task<ApiKey?> FindAsync(Guid tenantId, Guid id, CancellationToken cancellationToken = default) =>
        db.ApiKeys.FirstOrDefaultAsync(k => k.TenantId == tenantId && k.Id == id, cancellationToken);

    public async Task<IReadOnlyList<ApiKey>> GetListAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        await db.ApiKeys.AsNoTracking().Where(k => k.TenantId == tenantId).OrderBy(k => k.CreatedAt).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<ApiKey>> GetHostKeysAsync(CancellationToken cancellationToken = default) =>
        await db.ApiKeys.AsNoTracking().Where(k => k.TenantId == null).OrderBy(k => k.CreatedAt).ToListAsync(cancellationToken);

    public Task<ApiKey?> FindHostKeyAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.ApiKeys.FirstOrDefaultAsync(k => k.TenantId == null && k.Id == id, cancellationToken);

    public async Task InsertAsync(ApiKey apiKey, CancellationToken cancellationToken = default) =>
        await db.ApiKeys.AddAsync(apiKey, cancellationToken);

    public async Task RecordUsesAsync(IReadOnlyDictionary<Guid, DateTime> lastUsedByKeyId, CancellationToken cancellationToken = default)
    {
        foreach (var (keyId, usedAt) in lastUsedByKeyId)
        {
            await db.ApiKeys
                .Where(k => k.Id == keyId && (k.LastUsedAt == null || k.LastUsedAt < usedAt))
                .ExecuteUpdateAsync(setters => setters.SetProperty(k => k.LastUsedAt, usedAt), cancellationToken);
        }
    }

    public Task SaveChangesAsync(CancellationToken cancellationToken = default) => db.SaveChangesAsync(cancellationToken);
}
