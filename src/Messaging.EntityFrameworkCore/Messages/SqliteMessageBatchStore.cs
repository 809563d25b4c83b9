using Messaging.EntityFrameworkCore.EventBus;
using Messaging.EntityFrameworkCore.Sqlite;
using Messaging.EventBus;
using Messaging.Messages;
using Microsoft.Data.Sqlite;

namespace Messaging.EntityFrameworkCore.Messages;

/// <summary>
/// SQLite's fast path for a batch: prepared statements reused row after row inside one transaction on a
/// dedicated connection. A row whose idempotency key exists is skipped by ON CONFLICT and reported with the
/// stored message, so the caller can answer a retry with the original tracking id. The events of the messages
/// written go to the outbox through the outbox bulk writer, in the same transaction.
/// Used only by the single group-commit writer, so it is not thread-safe.
/// </summary>
public sealed class SqliteMessageBatchStore(MessagingConnectionString connectionString, BatchTextColumns columns, IOutboxBulkWriter outbox)
    : IMessageBatchStore, IAsyncDisposable
{
    private const string InsertMessageSql =
        $"""
        INSERT INTO "{MessagesDbProperties.MessagesTable}"
            ("Id", "TenantId", "Channel", "Recipient", "Content", "Priority", "MetadataJson", "IdempotencyKey", "RequestHash", "AcceptedAt", "Status", "StatusChangedAt")
        VALUES ($id, $tenantId, $channel, $recipient, $content, $priority, $metadata, $idempotencyKey, $requestHash, $acceptedAt, $status, $acceptedAt)
        ON CONFLICT DO NOTHING
        """;

    private const string InsertStatusChangeSql =
        $"""
        INSERT INTO "{MessagesDbProperties.StatusChangesTable}" ("Id", "MessageId", "TenantId", "Status", "OccurredAt", "Reason")
        VALUES ($id, $messageId, $tenantId, $status, $occurredAt, NULL)
        """;

    private const string FindByKeySql =
        $"""
        SELECT "Id", "RequestHash", "AcceptedAt" FROM "{MessagesDbProperties.MessagesTable}"
        WHERE "TenantId" = $tenantId AND "IdempotencyKey" = $idempotencyKey
        """;

    private readonly DedicatedBatchSession<Statements> _session =
        new(cancellationToken => Statements.OpenAsync(connectionString, cancellationToken), SqliteRowErrors.AsRowRefusal);

    public Task<IReadOnlyList<BatchInsertOutcome>> InsertBatchAsync(IReadOnlyList<AcceptedMessage> messages, CancellationToken cancellationToken) =>
        _session.WriteAsync((statements, token) => WriteAsync(statements, messages, token), cancellationToken);

    public UnstorableValue? FindUnstorableValue(AcceptedMessage message) => columns.FindUnstorableValue(message, TextColumnRules.Sqlite);

    public ValueTask DisposeAsync() => _session.DisposeAsync();

    private async Task<IReadOnlyList<BatchInsertOutcome>> WriteAsync(Statements statements, IReadOnlyList<AcceptedMessage> messages,
        CancellationToken cancellationToken)
    {
        var outcomes = new BatchInsertOutcome[messages.Count];
        var events = new List<OutboxMessage>(messages.Count);
        await using var transaction = await statements.BeginTransactionAsync(cancellationToken);
        for (var i = 0; i < messages.Count; i++)
        {
            var (message, acceptedEvent) = messages[i];
            if (statements.InsertMessage(message) == 1)
            {
                statements.InsertAcceptedStatus(message);
                events.Add(acceptedEvent);
                outcomes[i] = BatchInsertOutcome.Stored;
            }
            else
            {
                outcomes[i] = statements.FindExisting(message);
            }
        }

        await outbox.WriteAsync(transaction, events, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcomes;
    }

    /// <summary>The store's own connection with its statements prepared on it.</summary>
    private sealed class Statements : IAsyncDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _insertMessage;
        private readonly SqliteCommand _insertStatus;
        private readonly SqliteCommand _findByKey;

        private Statements(SqliteConnection connection)
        {
            _connection = connection;
            _insertMessage = Create(connection, InsertMessageSql, "$id", "$tenantId", "$channel", "$recipient", "$content", "$priority",
                "$metadata", "$idempotencyKey", "$requestHash", "$acceptedAt", "$status");
            _insertStatus = Create(connection, InsertStatusChangeSql, "$id", "$messageId", "$tenantId", "$status", "$occurredAt");
            _findByKey = Create(connection, FindByKeySql, "$tenantId", "$idempotencyKey");
        }

        public static async Task<Statements> OpenAsync(MessagingConnectionString connectionString, CancellationToken cancellationToken)
        {
            var connection = new SqliteConnection(connectionString.Value);
            try
            {
                await connection.OpenAsync(cancellationToken);
                await SqlitePragmas.ApplyAsync(connection, cancellationToken);
                return new Statements(connection);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        public async Task<SqliteTransaction> BeginTransactionAsync(CancellationToken cancellationToken)
        {
            var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken);
            _insertMessage.Transaction = transaction;
            _insertStatus.Transaction = transaction;
            _findByKey.Transaction = transaction;
            return transaction;
        }

        public int InsertMessage(Message message)
        {
            var p = _insertMessage.Parameters;
            p[0].Value = SqliteValues.Guid(message.Id);
            p[1].Value = SqliteValues.Guid(message.TenantId);
            p[2].Value = message.Channel.ToString();
            p[3].Value = message.Recipient;
            p[4].Value = message.Content;
            p[5].Value = message.Priority.ToString();
            p[6].Value = (object?)message.MetadataJson ?? DBNull.Value;
            p[7].Value = (object?)message.IdempotencyKey ?? DBNull.Value;
            p[8].Value = message.RequestHash;
            p[9].Value = SqliteValues.DateTime(message.AcceptedAt);
            p[10].Value = message.Status.ToString();
            return _insertMessage.ExecuteNonQuery();
        }

        public void InsertAcceptedStatus(Message message)
        {
            var accepted = message.History[0];
            var p = _insertStatus.Parameters;
            p[0].Value = SqliteValues.Guid(accepted.Id);
            p[1].Value = SqliteValues.Guid(message.Id);
            p[2].Value = SqliteValues.Guid(message.TenantId);
            p[3].Value = accepted.Status.ToString();
            p[4].Value = SqliteValues.DateTime(accepted.OccurredAt);
            _insertStatus.ExecuteNonQuery();
        }

        public BatchInsertOutcome FindExisting(Message message)
        {
            var p = _findByKey.Parameters;
            p[0].Value = SqliteValues.Guid(message.TenantId);
            p[1].Value = (object?)message.IdempotencyKey ?? DBNull.Value;
            using var reader = _findByKey.ExecuteReader();
            if (!reader.Read())
            {
                throw new InvalidOperationException($"Message {message.Id} was not inserted, yet no stored message holds its idempotency key.");
            }

            return BatchInsertOutcome.DuplicateOf(
                System.Guid.Parse(reader.GetString(0)),
                reader.GetString(1),
                SqliteValues.ParseDateTime(reader.GetString(2)));
        }

        public async ValueTask DisposeAsync()
        {
            await _insertMessage.DisposeAsync();
            await _insertStatus.DisposeAsync();
            await _findByKey.DisposeAsync();
            await _connection.DisposeAsync();
        }

        private static SqliteCommand Create(SqliteConnection connection, string sql, params string[] parameterNames)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameterNames)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            return command;
        }
    }
}

/// <summary>SQLite's refused values (<see cref="SqliteRefusedValues"/>) as the batch refuses a row.</summary>
public static class SqliteRowErrors
{
    public static UnstorableReason? Classify(int resultCode) => SqliteRefusedValues.Classify(resultCode)?.AsUnstorableReason();

    public static BatchRowRefusedException? AsRowRefusal(Exception exception) => BatchRowRefusals.From(SqliteRefusedValues.Find(exception), exception);
}
