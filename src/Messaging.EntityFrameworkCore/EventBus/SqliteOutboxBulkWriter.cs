using System.Data.Common;
using Messaging.EntityFrameworkCore.Sqlite;
using Messaging.EventBus;
using Microsoft.Data.Sqlite;

namespace Messaging.EntityFrameworkCore.EventBus;

/// <summary>
/// SQLite's bulk write: one prepared statement executed row after row. SQLite runs in process, so a row costs no round
/// trip, and the transaction's commit is what the batch pays for.
/// </summary>
public sealed class SqliteOutboxBulkWriter : IOutboxBulkWriter
{
    private const string InsertSql =
        $"""
        INSERT INTO "{EventBusDbProperties.OutboxTable}" ({EventBusDbProperties.OutboxInsertColumns})
        VALUES ($id, $eventName, $payload, $tenantId, $correlationId, $traceParent, $createdAt, 0)
        """;

    // Microsoft.Data.Sqlite runs every command synchronously; its async methods only wrap the same work.
    public Task WriteAsync(DbTransaction transaction, IReadOnlyList<OutboxMessage> events, CancellationToken cancellationToken)
    {
        try
        {
            Write((SqliteTransaction)transaction, events);
            return Task.CompletedTask;
        }
        catch (Exception exception)
        {
            return Task.FromException(exception);
        }
    }

    private static void Write(SqliteTransaction transaction, IReadOnlyList<OutboxMessage> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = InsertSql;
        foreach (var name in (string[])["$id", "$eventName", "$payload", "$tenantId", "$correlationId", "$traceParent", "$createdAt"])
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        var p = command.Parameters;
        foreach (var outbox in events)
        {
            p[0].Value = SqliteValues.Guid(outbox.Id);
            p[1].Value = outbox.EventName;
            p[2].Value = outbox.Payload;
            p[3].Value = outbox.TenantId is { } tenantId ? SqliteValues.Guid(tenantId) : DBNull.Value;
            p[4].Value = (object?)outbox.CorrelationId ?? DBNull.Value;
            p[5].Value = (object?)outbox.TraceParent ?? DBNull.Value;
            p[6].Value = SqliteValues.DateTime(outbox.CreatedAt);
            command.ExecuteNonQuery();
        }
    }
}
