using Messaging.EventBus;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.EventBus;

/// <summary>
/// The record is added to the handler's unit of work; if two deliveries race, the primary key lets one commit
/// and fails the other, whose retry then finds the record and skips the handler.
/// </summary>
public sealed class EfCoreInboxStore(MessagingDbContext db) : IInboxStore
{
    public async Task<bool> TryRecordAsync(Guid eventId, string handlerName, DateTime processedAt, CancellationToken cancellationToken)
    {
        if (await HasRecordAsync(eventId, handlerName, cancellationToken))
        {
            return false;
        }

        db.InboxRecords.Add(new InboxRecord(eventId, handlerName, processedAt));
        return true;
    }

    public Task<bool> HasRecordAsync(Guid eventId, string handlerName, CancellationToken cancellationToken) =>
        db.InboxRecords.AsNoTracking().AnyAsync(i => i.EventId == eventId && i.HandlerName == handlerName, cancellationToken);
}
