using System.Data;
using System.Data.Common;
using Messaging.EventBus;
using Microsoft.Data.SqlClient;

namespace Messaging.EntityFrameworkCore.EventBus;

/// <summary>SQL Server's bulk write: SqlBulkCopy straight into the outbox table, in the caller's transaction.</summary>
public sealed class SqlServerOutboxBulkWriter : IOutboxBulkWriter
{
    public async Task WriteAsync(DbTransaction transaction, IReadOnlyList<OutboxMessage> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        var sqlTransaction = (SqlTransaction)transaction;
        using var rows = CreateRows();
        foreach (var outbox in events)
        {
            rows.Rows.Add(outbox.Id, outbox.EventName, outbox.Payload, (object?)outbox.TenantId ?? DBNull.Value,
                (object?)outbox.CorrelationId ?? DBNull.Value, (object?)outbox.TraceParent ?? DBNull.Value, outbox.CreatedAt, 0);
        }

        using var bulkCopy = new SqlBulkCopy(sqlTransaction.Connection, SqlBulkCopyOptions.Default, sqlTransaction);
        bulkCopy.DestinationTableName = $"[{EventBusDbProperties.OutboxTable}]";
        foreach (DataColumn column in rows.Columns)
        {
            bulkCopy.ColumnMappings.Add(column.ColumnName, column.ColumnName);
        }

        await bulkCopy.WriteToServerAsync(rows, cancellationToken);
    }

    private static DataTable CreateRows()
    {
        var rows = new DataTable();
        rows.Columns.Add(nameof(OutboxMessage.Id), typeof(Guid));
        rows.Columns.Add(nameof(OutboxMessage.EventName), typeof(string));
        rows.Columns.Add(nameof(OutboxMessage.Payload), typeof(string));
        rows.Columns.Add(nameof(OutboxMessage.TenantId), typeof(Guid));
        rows.Columns.Add(nameof(OutboxMessage.CorrelationId), typeof(string));
        rows.Columns.Add(nameof(OutboxMessage.TraceParent), typeof(string));
        rows.Columns.Add(nameof(OutboxMessage.CreatedAt), typeof(DateTime));
        rows.Columns.Add(nameof(OutboxMessage.FailedAttempts), typeof(int));
        return rows;
    }
}
