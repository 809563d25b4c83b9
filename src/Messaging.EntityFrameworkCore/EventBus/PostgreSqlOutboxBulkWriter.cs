using System.Data.Common;
using Messaging.EventBus;
using Npgsql;
using NpgsqlTypes;

namespace Messaging.EntityFrameworkCore.EventBus;

/// <summary>PostgreSQL's bulk write: the events as one array per column, inserted by one statement over unnest, one round trip.</summary>
public sealed class PostgreSqlOutboxBulkWriter : IOutboxBulkWriter
{
    private const string InsertSql =
        $"""
        INSERT INTO "{EventBusDbProperties.OutboxTable}" ({EventBusDbProperties.OutboxInsertColumns})
        SELECT e.*, 0 FROM unnest($1, $2, $3, $4, $5, $6, $7) AS e
        """;

    public async Task WriteAsync(DbTransaction transaction, IReadOnlyList<OutboxMessage> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        var npgsqlTransaction = (NpgsqlTransaction)transaction;
        await using var command = new NpgsqlCommand(InsertSql, npgsqlTransaction.Connection, npgsqlTransaction);
        command.Parameters.Add(Array(NpgsqlDbType.Uuid, events.Select(e => e.Id).ToArray()));
        command.Parameters.Add(Array(NpgsqlDbType.Text, events.Select(e => e.EventName).ToArray()));
        command.Parameters.Add(Array(NpgsqlDbType.Text, events.Select(e => e.Payload).ToArray()));
        command.Parameters.Add(Array(NpgsqlDbType.Uuid, events.Select(e => e.TenantId).ToArray()));
        command.Parameters.Add(Array(NpgsqlDbType.Text, events.Select(e => e.CorrelationId).ToArray()));
        command.Parameters.Add(Array(NpgsqlDbType.Text, events.Select(e => e.TraceParent).ToArray()));
        command.Parameters.Add(Array(NpgsqlDbType.TimestampTz, events.Select(e => e.CreatedAt).ToArray()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Array(NpgsqlDbType elementType, object values) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | elementType, Value = values };
}
