using Messaging.ExceptionHandling;
using Messaging.Messages;
using Messaging.Messages.Delivery;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.Messages;

public sealed class EfCoreProviderConfigurationRepository(MessagingDbContext db) : IProviderConfigurationRepository
{
    public async Task<IReadOnlyList<ProviderConfiguration>> GetListAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        await db.ProviderConfigurations.AsNoTracking().Where(c => c.TenantId == tenantId).ToListAsync(cancellationToken);

    public Task<ProviderConfiguration?> FindAsync(Guid tenantId, MessageChannel channel, CancellationToken cancellationToken = default) =>
        db.ProviderConfigurations.FirstOrDefaultAsync(c => c.TenantId == tenantId && c.Channel == channel, cancellationToken);

    public async Task InsertAsync(ProviderConfiguration configuration, CancellationToken cancellationToken = default) =>
        await db.ProviderConfigurations.AddAsync(configuration, cancellationToken);

    public void Delete(ProviderConfiguration configuration) => db.ProviderConfigurations.Remove(configuration);

    public async Task SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (UniqueViolation.IsUniqueViolation(exception))
        {
            throw new ConflictException("The channel was configured by another request at the same time; read it and try again.");
        }
    }
}
