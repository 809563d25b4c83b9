using System.Data.Common;
using Messaging.EventBus;

namespace Messaging.EntityFrameworkCore.EventBus;

/// <summary>
/// Writes events to the outbox in bulk inside the caller's transaction, so they commit or roll back with the rows
/// that raised them: a module's batch store writes its events with it instead of writing the outbox table itself.
/// One per database, in that database's bulk idiom; the configured database's is registered. A store that decides
/// inside one statement which of its rows are written (ON CONFLICT DO NOTHING) and writes their events in that same
/// statement, to spare a round trip, lists the outbox columns of <see cref="EventBusDbProperties.OutboxInsertColumns"/>.
/// </summary>
public interface IOutboxBulkWriter
{
    /// <summary>
    /// Writes the events on the transaction's connection, all or none: a value the database refuses fails the call
    /// with the database's own error, as it fails the caller's transaction.
    /// </summary>
    Task WriteAsync(DbTransaction transaction, IReadOnlyList<OutboxMessage> events, CancellationToken cancellationToken);
}
