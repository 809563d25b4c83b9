using System.Data;
using Messaging.EntityFrameworkCore.EventBus;
using Messaging.EntityFrameworkCore.SqlServer;
using Messaging.Messages;
using Microsoft.Data.SqlClient;

namespace Messaging.EntityFrameworkCore.Messages;

/// <summary>
/// SQL Server's fast path for a batch: SqlBulkCopy into a session temporary table, then one command that inserts
/// the messages whose id and idempotency key are not stored yet (the first of a key within the batch wins), their
/// Accepted history, and reports every message not inserted with the stored message that holds its key.
/// Used only by the single group-commit writer, so it is not thread-safe.
/// </summary>
public sealed class SqlServerMessageBatchStore(MessagingConnectionString connectionString, BatchTextColumns columns) : IMessageBatchStore, IAsyncDisposable
{
    private const string BatchTable = "#MessagingBatch";
    private const string InsertedTable = "#MessagingInserted";

    // The temporary tables live as long as the session. Their text columns take the database's collation, not
    // tempdb's, so comparing them with the stored columns cannot fail on a collation conflict.
    private const string CreateTablesSql =
        $"""
        CREATE TABLE {BatchTable} (
            [Index] int NOT NULL PRIMARY KEY,
            [Id] uniqueidentifier NOT NULL,
            [TenantId] uniqueidentifier NOT NULL,
            [Channel] nvarchar(16) COLLATE DATABASE_DEFAULT NOT NULL,
            [Recipient] nvarchar(320) COLLATE DATABASE_DEFAULT NOT NULL,
            [Content] nvarchar(max) COLLATE DATABASE_DEFAULT NOT NULL,
            [Priority] nvarchar(16) COLLATE DATABASE_DEFAULT NOT NULL,
            [MetadataJson] nvarchar(max) COLLATE DATABASE_DEFAULT NULL,
            [IdempotencyKey] nvarchar(128) COLLATE DATABASE_DEFAULT NULL,
            [RequestHash] nvarchar(64) COLLATE DATABASE_DEFAULT NOT NULL,
            [AcceptedAt] datetime2 NOT NULL,
            [Status] nvarchar(16) COLLATE DATABASE_DEFAULT NOT NULL,
            [ChangeId] uniqueidentifier NOT NULL,
            [ChangeStatus] nvarchar(16) COLLATE DATABASE_DEFAULT NOT NULL,
            [ChangeOccurredAt] datetime2 NOT NULL,
            [EventId] uniqueidentifier NOT NULL,
            [EventName] nvarchar(128) COLLATE DATABASE_DEFAULT NOT NULL,
            [EventPayload] nvarchar(max) COLLATE DATABASE_DEFAULT NOT NULL,
            [EventCorrelationId] nvarchar(64) COLLATE DATABASE_DEFAULT NULL,
            [EventTraceParent] nvarchar(128) COLLATE DATABASE_DEFAULT NULL,
            [EventCreatedAt] datetime2 NOT NULL);
        CREATE TABLE {InsertedTable} ([Id] uniqueidentifier NOT NULL PRIMARY KEY);
        """;

    private const string ClearSql = $"DELETE FROM {BatchTable}; DELETE FROM {InsertedTable};";

    // UPDLOCK + HOLDLOCK keep the probed keys locked until the commit, so a concurrent writer cannot slip the same
    // key in between the check and the insert. A row holding the message's own id means an earlier attempt of this
    // very batch committed (its acknowledgement lost on the way back): that row is the message, so it wins.
    private const string WriteSql =
        $"""
        INSERT INTO [{MessagesDbProperties.MessagesTable}]
            ([Id], [TenantId], [Channel], [Recipient], [Content], [Priority], [MetadataJson], [IdempotencyKey], [RequestHash], [AcceptedAt], [Status], [StatusChangedAt])
        OUTPUT inserted.[Id] INTO {InsertedTable} ([Id])
        SELECT b.[Id], b.[TenantId], b.[Channel], b.[Recipient], b.[Content], b.[Priority], b.[MetadataJson], b.[IdempotencyKey], b.[RequestHash], b.[AcceptedAt], b.[Status], b.[AcceptedAt]
        FROM {BatchTable} b
        WHERE NOT EXISTS (SELECT 1 FROM [{MessagesDbProperties.MessagesTable}] m WITH (UPDLOCK, HOLDLOCK) WHERE m.[Id] = b.[Id])
            AND NOT EXISTS (
                SELECT 1 FROM [{MessagesDbProperties.MessagesTable}] m WITH (UPDLOCK, HOLDLOCK)
                WHERE m.[IdempotencyKey] IS NOT NULL AND m.[TenantId] = b.[TenantId] AND m.[IdempotencyKey] = b.[IdempotencyKey])
            AND NOT EXISTS (
                SELECT 1 FROM {BatchTable} e
                WHERE b.[IdempotencyKey] IS NOT NULL AND e.[TenantId] = b.[TenantId] AND e.[IdempotencyKey] = b.[IdempotencyKey] AND e.[Index] < b.[Index])
        ORDER BY b.[Index];

        INSERT INTO [{MessagesDbProperties.StatusChangesTable}] ([Id], [MessageId], [TenantId], [Status], [OccurredAt], [Reason])
        SELECT b.[ChangeId], b.[Id], b.[TenantId], b.[ChangeStatus], b.[ChangeOccurredAt], NULL
        FROM {BatchTable} b JOIN {InsertedTable} i ON i.[Id] = b.[Id];

        INSERT INTO [{EventBusDbProperties.OutboxTable}] ({EventBusDbProperties.OutboxInsertColumns})
        SELECT b.[EventId], b.[EventName], b.[EventPayload], b.[TenantId], b.[EventCorrelationId], b.[EventTraceParent], b.[EventCreatedAt], 0
        FROM {BatchTable} b JOIN {InsertedTable} i ON i.[Id] = b.[Id];

        SELECT b.[Index], m.[Id], m.[RequestHash], m.[AcceptedAt]
        FROM {BatchTable} b
        OUTER APPLY (
            SELECT TOP (1) s.[Id], s.[RequestHash], s.[AcceptedAt]
            FROM [{MessagesDbProperties.MessagesTable}] s
            WHERE s.[Id] = b.[Id] OR (s.[IdempotencyKey] IS NOT NULL AND s.[TenantId] = b.[TenantId] AND s.[IdempotencyKey] = b.[IdempotencyKey])
            ORDER BY CASE WHEN s.[Id] = b.[Id] THEN 0 ELSE 1 END) m
        WHERE NOT EXISTS (SELECT 1 FROM {InsertedTable} i WHERE i.[Id] = b.[Id]);
        """;

    private readonly DataTable _rows = CreateRows();

    // A fresh session is a fresh connection with fresh temporary tables.
    private readonly DedicatedBatchSession<SqlConnection> _session =
        new(cancellationToken => OpenAsync(connectionString, cancellationToken), SqlServerRowErrors.AsRowRefusal);

    public async Task<IReadOnlyList<BatchInsertOutcome>> InsertBatchAsync(IReadOnlyList<AcceptedMessage> messages, CancellationToken cancellationToken)
    {
        try
        {
            return await _session.WriteAsync((connection, token) => WriteAsync(connection, messages, token), cancellationToken);
        }
        finally
        {
            _rows.Clear();
        }
    }

    public UnstorableValue? FindUnstorableValue(AcceptedMessage message) => columns.FindUnstorableValue(message, TextColumnRules.SqlServer);

    public async ValueTask DisposeAsync()
    {
        await _session.DisposeAsync();
        _rows.Dispose();
    }

    private async Task<IReadOnlyList<BatchInsertOutcome>> WriteAsync(SqlConnection connection, IReadOnlyList<AcceptedMessage> messages,
        CancellationToken cancellationToken)
    {
        await using var transaction = (SqlTransaction)await connection.BeginTransactionAsync(cancellationToken);

        await using (var clear = new SqlCommand(ClearSql, connection, transaction))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        Fill(messages);
        using (var bulkCopy = new SqlBulkCopy(connection, SqlBulkCopyOptions.Default, transaction))
        {
            bulkCopy.DestinationTableName = BatchTable;
            foreach (DataColumn column in _rows.Columns)
            {
                bulkCopy.ColumnMappings.Add(column.ColumnName, column.ColumnName);
            }

            await bulkCopy.WriteToServerAsync(_rows, cancellationToken);
        }

        var outcomes = new BatchInsertOutcome[messages.Count];
        Array.Fill(outcomes, BatchInsertOutcome.Stored);
        await using (var write = new SqlCommand(WriteSql, connection, transaction))
        await using (var reader = await write.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var index = reader.GetInt32(0);
                if (await reader.IsDBNullAsync(1, cancellationToken))
                {
                    throw new InvalidOperationException(
                        $"Message {messages[index].Message.Id} was not inserted, yet no stored message holds its id or idempotency key.");
                }

                outcomes[index] = BatchInsertOutcome.DuplicateOf(reader.GetGuid(1), reader.GetString(2),
                    DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return outcomes;
    }

    private void Fill(IReadOnlyList<AcceptedMessage> messages)
    {
        for (var i = 0; i < messages.Count; i++)
        {
            var (message, acceptedEvent) = messages[i];
            var accepted = message.History[0];
            _rows.Rows.Add(i, message.Id, message.TenantId, message.Channel.ToString(), message.Recipient, message.Content,
                message.Priority.ToString(), (object?)message.MetadataJson ?? DBNull.Value, (object?)message.IdempotencyKey ?? DBNull.Value,
                message.RequestHash, message.AcceptedAt, message.Status.ToString(), accepted.Id, accepted.Status.ToString(), accepted.OccurredAt,
                acceptedEvent.Id, acceptedEvent.EventName, acceptedEvent.Payload, (object?)acceptedEvent.CorrelationId ?? DBNull.Value,
                (object?)acceptedEvent.TraceParent ?? DBNull.Value, acceptedEvent.CreatedAt);
        }
    }

    private static async Task<SqlConnection> OpenAsync(MessagingConnectionString connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(connectionString.Value);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new SqlCommand(CreateTablesSql, connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return connection;
    }

    private static DataTable CreateRows()
    {
        var rows = new DataTable();
        rows.Columns.Add("Index", typeof(int));
        rows.Columns.Add("Id", typeof(Guid));
        rows.Columns.Add("TenantId", typeof(Guid));
        rows.Columns.Add("Channel", typeof(string));
        rows.Columns.Add("Recipient", typeof(string));
        rows.Columns.Add("Content", typeof(string));
        rows.Columns.Add("Priority", typeof(string));
        rows.Columns.Add("MetadataJson", typeof(string));
        rows.Columns.Add("IdempotencyKey", typeof(string));
        rows.Columns.Add("RequestHash", typeof(string));
        rows.Columns.Add("AcceptedAt", typeof(DateTime));
        rows.Columns.Add("Status", typeof(string));
        rows.Columns.Add("ChangeId", typeof(Guid));
        rows.Columns.Add("ChangeStatus", typeof(string));
        rows.Columns.Add("ChangeOccurredAt", typeof(DateTime));
        rows.Columns.Add("EventId", typeof(Guid));
        rows.Columns.Add("EventName", typeof(string));
        rows.Columns.Add("EventPayload", typeof(string));
        rows.Columns.Add("EventCorrelationId", typeof(string));
        rows.Columns.Add("EventTraceParent", typeof(string));
        rows.Columns.Add("EventCreatedAt", typeof(DateTime));
        return rows;
    }
}

/// <summary>SQL Server's refused values (<see cref="SqlServerRefusedValues"/>) as the batch refuses a row.</summary>
public static class SqlServerRowErrors
{
    public static UnstorableReason? Classify(int number) => SqlServerRefusedValues.Classify(number)?.AsUnstorableReason();

    public static BatchRowRefusedException? AsRowRefusal(Exception exception) => BatchRowRefusals.From(SqlServerRefusedValues.Find(exception), exception);
}
