namespace Messaging.TenantManagement;

public interface ITenantRepository
{
    Task<Tenant?> FindAsync(Guid id, CancellationToken cancellationToken = default);

    Task<Tenant?> FindByNameAsync(string name, CancellationToken cancellationToken = default);

    Task<bool> NameExistsAsync(string name, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Tenant>> GetListAsync(int skip, int take, CancellationToken cancellationToken = default);

    Task<int> CountAsync(CancellationToken cancellationToken = default);

    Task InsertAsync(Tenant tenant, CancellationToken cancellationToken = default);

    Task SaveChangesAsync(CancellationToken cancellationToken = default);
}
