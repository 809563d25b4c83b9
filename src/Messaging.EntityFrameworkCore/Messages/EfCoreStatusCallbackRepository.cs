using Messaging.ExceptionHandling;
using Messaging.Messages.Callbacks;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.Messages;

public sealed class EfCoreStatusCallbackRepository(MessagingDbContext db) : IStatusCallbackRepository
{
    public Task<StatusCallback?> FindAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        db.Set<StatusCallback>().FirstOrDefaultAsync(c => c.TenantId == tenantId, cancellationToken);

    public Task<bool> ExistsAsync(Guid tenantId, CancellationToken cancellationToken = default) =>
        db.Set<StatusCallback>().AsNoTracking().AnyAsync(c => c.TenantId == tenantId, cancellationToken);

    public void Add(StatusCallback callback) => db.Set<StatusCallback>().Add(callback);

    public void Remove(StatusCallback callback) => db.Set<StatusCallback>().Remove(callback);

    public async Task SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException || UniqueViolation.IsUniqueViolation(exception))
        {
            db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException("The status callback was changed by another request at the same time; read it and try again.", exception);
        }
    }
}
