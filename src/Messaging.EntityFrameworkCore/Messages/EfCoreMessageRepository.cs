using Messaging.EventBus;
using Messaging.Messages;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.Messages;

public sealed class EfCoreMessageRepository(MessagingDbContext db) : IMessageRepository
{
    public Task<Message?> FindWithHistoryAsync(Guid trackingId, CancellationToken cancellationToken = default) =>
        db.Messages.AsNoTracking().Include(m => m.History).FirstOrDefaultAsync(m => m.Id == trackingId, cancellationToken);

    public Task<Message?> FindForUpdateAsync(Guid trackingId, CancellationToken cancellationToken = default) =>
        db.Messages.Include(m => m.History).FirstOrDefaultAsync(m => m.Id == trackingId, cancellationToken);

    public async Task<IReadOnlyList<Message>> FindByProviderMessageIdsAsync(string providerName, IReadOnlyCollection<string> providerMessageIds,
        CancellationToken cancellationToken = default) =>
        await db.Messages.IgnoreQueryFilters()
            .Where(m => m.ProviderName == providerName && providerMessageIds.Contains(m.ProviderMessageId!))
            .ToListAsync(cancellationToken);

    public Task<Message?> FindByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken = default) =>
        db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.IdempotencyKey == idempotencyKey, cancellationToken);

    public async Task<bool> TryInsertAsync(Message message, OutboxMessage acceptedEvent, CancellationToken cancellationToken = default)
    {
        db.Messages.Add(message);
        db.OutboxMessages.Add(acceptedEvent);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (message.IdempotencyKey is not null && UniqueViolation.IsUniqueViolation(exception))
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    public Task<int> ExpireIdempotencyKeysAsync(DateTime acceptedBefore, int maxCount, CancellationToken cancellationToken = default)
    {
        var batch = db.Messages.IgnoreQueryFilters()
            .Where(m => m.IdempotencyKey != null && m.AcceptedAt < acceptedBefore)
            .OrderBy(m => m.AcceptedAt)
            .Select(m => m.Id)
            .Take(maxCount);
        return db.Messages.IgnoreQueryFilters()
            .Where(m => batch.Contains(m.Id))
            .ExecuteUpdateAsync(setters => setters.SetProperty(m => m.IdempotencyKey, (string?)null), cancellationToken);
    }

    public async Task<IReadOnlyList<Message>> GetAcceptedBeforeAsync(DateTime acceptedBefore, int skip, int take,
        CancellationToken cancellationToken = default) =>
        await db.Messages.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.Status == MessageStatus.Accepted && m.AcceptedAt < acceptedBefore)
            .OrderBy(m => m.AcceptedAt).ThenBy(m => m.Id)
            .Skip(skip).Take(take)
            .ToListAsync(cancellationToken);
}
