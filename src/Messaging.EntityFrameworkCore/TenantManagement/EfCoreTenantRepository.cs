using Messaging.TenantManagement;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.TenantManagement;

public sealed class EfCoreTenantRepository(MessagingDbContext db) : ITenantRepository
{
    public Task<Tenant?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Tenants.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);

    public Task<Tenant?> FindByNameAsync(string name, CancellationToken cancellationToken = default) =>
        db.Tenants.FirstOrDefaultAsync(t => t.Name == name, cancellationToken);

    public Task<bool> NameExistsAsync(string name, CancellationToken cancellationToken = default) =>
        db.Tenants.AnyAsync(t => t.Name == name, cancellationToken);

    public async Task<IReadOnlyList<Tenant>> GetListAsync(int skip, int take, CancellationToken cancellationToken = default) =>
        await db.Tenants.AsNoTracking().OrderBy(t => t.Name).Skip(skip).Take(take).ToListAsync(cancellationToken);

    public Task<int> CountAsync(CancellationToken cancellationToken = default) => db.Tenants.CountAsync(cancellationToken);

    public async Task InsertAsync(Tenant tenant, CancellationToken cancellationToken = default) =>
        await db.Tenants.AddAsync(tenant, cancellationToken);

    public Task SaveChangesAsync(CancellationToken cancellationToken = default) => db.SaveChangesAsync(cancellationToken);
}
