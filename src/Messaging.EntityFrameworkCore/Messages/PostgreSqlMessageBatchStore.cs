using Messaging.EntityFrameworkCore.EventBus;
using Messaging.EntityFrameworkCore.PostgreSql;
using Messaging.Messages;
using Npgsql;
using NpgsqlTypes;

namespace Messaging.EntityFrameworkCore.Messages;

/// <summary>
/// PostgreSQL's fast path for a batch: the whole batch goes as one array per column into one prepared statement
/// (unnest), which inserts the messages with ON CONFLICT DO NOTHING and the Accepted history of those it inserted.
/// One round trip for the write and one for the commit; a binary COPY into a temporary table measured no faster for
/// batches of a thousand, and needs more round trips and a table per session. A message not inserted is reported
/// with the stored message that holds its key. The events are written by the same statement (the outbox's columns
/// as <see cref="EventBusDbProperties.OutboxInsertColumns"/> lists them), only for the messages it inserted.
/// Used only by the single group-commit writer, so it is not thread-safe.
/// </summary>
public sealed class PostgreSqlMessageBatchStore(NpgsqlDataSource dataSource, BatchTextColumns columns) : IMessageBatchStore, IAsyncDisposable
{
    private const string InsertBatchSql =
        $"""
        WITH batch AS (
            SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
                WITH ORDINALITY AS b("Id", "TenantId", "Channel", "Recipient", "Content", "Priority", "MetadataJson",
                    "IdempotencyKey", "RequestHash", "AcceptedAt", "Status", "ChangeId", "ChangeStatus", "ChangeOccurredAt",
                    "EventId", "EventName", "EventPayload", "EventCorrelationId", "EventTraceParent", "EventCreatedAt", "Ordinal")
        ), inserted AS (
            INSERT INTO "{MessagesDbProperties.MessagesTable}"
                ("Id", "TenantId", "Channel", "Recipient", "Content", "Priority", "MetadataJson", "IdempotencyKey", "RequestHash", "AcceptedAt", "Status", "StatusChangedAt")
            SELECT "Id", "TenantId", "Channel", "Recipient", "Content", "Priority", "MetadataJson", "IdempotencyKey", "RequestHash", "AcceptedAt", "Status", "AcceptedAt"
            FROM batch ORDER BY "Ordinal"
            ON CONFLICT DO NOTHING
            RETURNING "Id"
        ), events AS (
            INSERT INTO "{EventBusDbProperties.OutboxTable}" ({EventBusDbProperties.OutboxInsertColumns})
            SELECT b."EventId", b."EventName", b."EventPayload", b."TenantId", b."EventCorrelationId", b."EventTraceParent", b."EventCreatedAt", 0
            FROM batch b JOIN inserted i ON i."Id" = b."Id"
        )
        INSERT INTO "{MessagesDbProperties.StatusChangesTable}" ("Id", "MessageId", "TenantId", "Status", "OccurredAt", "Reason")
        SELECT b."ChangeId", b."Id", b."TenantId", b."ChangeStatus", b."ChangeOccurredAt", NULL
        FROM batch b JOIN inserted i ON i."Id" = b."Id"
        RETURNING "MessageId"
        """;

    // A row already holding the message's own id means an earlier attempt of this very batch committed (its
    // acknowledgement lost on the way back): that row is the message, so it wins over a key match.
    private const string FindExistingSql =
        $"""
        SELECT DISTINCT ON (k."Index") k."Index", m."Id", m."RequestHash", m."AcceptedAt"
        FROM unnest($1, $2, $3, $4) AS k("Index", "Id", "TenantId", "IdempotencyKey")
        JOIN "{MessagesDbProperties.MessagesTable}" m
            ON m."Id" = k."Id" OR (m."TenantId" = k."TenantId" AND m."IdempotencyKey" = k."IdempotencyKey")
        ORDER BY k."Index", m."Id" = k."Id" DESC
        """;

    private readonly DedicatedBatchSession<Statements> _session =
        new(cancellationToken => Statements.OpenAsync(dataSource, cancellationToken), PostgreSqlRowErrors.AsRowRefusal);

    public Task<IReadOnlyList<BatchInsertOutcome>> InsertBatchAsync(IReadOnlyList<AcceptedMessage> batch, CancellationToken cancellationToken) =>
        _session.WriteAsync((statements, token) => WriteAsync(statements, batch, token), cancellationToken);

    public UnstorableValue? FindUnstorableValue(AcceptedMessage message) => columns.FindUnstorableValue(message, TextColumnRules.PostgreSql);

    public ValueTask DisposeAsync() => _session.DisposeAsync();

    private static async Task<IReadOnlyList<BatchInsertOutcome>> WriteAsync(Statements statements, IReadOnlyList<AcceptedMessage> batch,
        CancellationToken cancellationToken)
    {
        var messages = batch.Select(accepted => accepted.Message).ToList();
        await using var transaction = await statements.BeginTransactionAsync(cancellationToken);
        var inserted = await statements.InsertAsync(batch, transaction, cancellationToken);

        var outcomes = new BatchInsertOutcome[messages.Count];
        List<int>? notInserted = null;
        for (var i = 0; i < messages.Count; i++)
        {
            if (inserted.Contains(messages[i].Id))
            {
                outcomes[i] = BatchInsertOutcome.Stored;
            }
            else
            {
                (notInserted ??= []).Add(i);
            }
        }

        if (notInserted is not null)
        {
            await statements.FindExistingAsync(messages, notInserted, outcomes, transaction, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return outcomes;
    }

    /// <summary>The store's own connection with its statements prepared on it.</summary>
    private sealed class Statements : IAsyncDisposable
    {
        private readonly NpgsqlConnection _connection;
        private readonly NpgsqlCommand _insert;
        private readonly NpgsqlCommand _findExisting;

        private Statements(NpgsqlConnection connection, NpgsqlCommand insert, NpgsqlCommand findExisting)
        {
            _connection = connection;
            _insert = insert;
            _findExisting = findExisting;
        }

        public static async Task<Statements> OpenAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
        {
            var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            try
            {
                return await PrepareAsync(connection, cancellationToken);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        public ValueTask<NpgsqlTransaction> BeginTransactionAsync(CancellationToken cancellationToken) =>
            _connection.BeginTransactionAsync(cancellationToken);

        private static async Task<Statements> PrepareAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
        {
            var insert = Create(connection, InsertBatchSql,
                NpgsqlDbType.Uuid, NpgsqlDbType.Uuid, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
                NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.TimestampTz, NpgsqlDbType.Text, NpgsqlDbType.Uuid, NpgsqlDbType.Text,
                NpgsqlDbType.TimestampTz, NpgsqlDbType.Uuid, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
                NpgsqlDbType.TimestampTz);
            var findExisting = Create(connection, FindExistingSql, NpgsqlDbType.Integer, NpgsqlDbType.Uuid, NpgsqlDbType.Uuid, NpgsqlDbType.Text);
            await insert.PrepareAsync(cancellationToken);
            await findExisting.PrepareAsync(cancellationToken);
            return new Statements(connection, insert, findExisting);
        }

        /// <summary>Writes the batch; returns the ids of the messages it inserted.</summary>
        public async Task<HashSet<Guid>> InsertAsync(IReadOnlyList<AcceptedMessage> batch, NpgsqlTransaction transaction, CancellationToken cancellationToken)
        {
            var count = batch.Count;
            var ids = new Guid[count];
            var tenantIds = new Guid[count];
            var channels = new string[count];
            var recipients = new string[count];
            var contents = new string[count];
            var priorities = new string[count];
            var metadata = new string?[count];
            var idempotencyKeys = new string?[count];
            var requestHashes = new string[count];
            var acceptedAts = new DateTime[count];
            var statuses = new string[count];
            var changeIds = new Guid[count];
            var changeStatuses = new string[count];
            var changeOccurredAts = new DateTime[count];
            var eventIds = new Guid[count];
            var eventNames = new string[count];
            var eventPayloads = new string[count];
            var eventCorrelationIds = new string?[count];
            var eventTraceParents = new string?[count];
            var eventCreatedAts = new DateTime[count];
            for (var i = 0; i < count; i++)
            {
                var (message, acceptedEvent) = batch[i];
                eventIds[i] = acceptedEvent.Id;
                eventNames[i] = acceptedEvent.EventName;
                eventPayloads[i] = acceptedEvent.Payload;
                eventCorrelationIds[i] = acceptedEvent.CorrelationId;
                eventTraceParents[i] = acceptedEvent.TraceParent;
                eventCreatedAts[i] = acceptedEvent.CreatedAt;
                var accepted = message.History[0];
                ids[i] = message.Id;
                tenantIds[i] = message.TenantId;
                channels[i] = message.Channel.ToString();
                recipients[i] = message.Recipient;
                contents[i] = message.Content;
                priorities[i] = message.Priority.ToString();
                metadata[i] = message.MetadataJson;
                idempotencyKeys[i] = message.IdempotencyKey;
                requestHashes[i] = message.RequestHash;
                acceptedAts[i] = message.AcceptedAt;
                statuses[i] = message.Status.ToString();
                changeIds[i] = accepted.Id;
                changeStatuses[i] = accepted.Status.ToString();
                changeOccurredAts[i] = accepted.OccurredAt;
            }

            var p = _insert.Parameters;
            p[0].Value = ids;
            p[1].Value = tenantIds;
            p[2].Value = channels;
            p[3].Value = recipients;
            p[4].Value = contents;
            p[5].Value = priorities;
            p[6].Value = metadata;
            p[7].Value = idempotencyKeys;
            p[8].Value = requestHashes;
            p[9].Value = acceptedAts;
            p[10].Value = statuses;
            p[11].Value = changeIds;
            p[12].Value = changeStatuses;
            p[13].Value = changeOccurredAts;
            p[14].Value = eventIds;
            p[15].Value = eventNames;
            p[16].Value = eventPayloads;
            p[17].Value = eventCorrelationIds;
            p[18].Value = eventTraceParents;
            p[19].Value = eventCreatedAts;
            _insert.Transaction = transaction;

            var inserted = new HashSet<Guid>(count);
            await using var reader = await _insert.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                inserted.Add(reader.GetGuid(0));
            }

            return inserted;
        }

        public async Task FindExistingAsync(IReadOnlyList<Message> messages, List<int> indexes, BatchInsertOutcome[] outcomes,
            NpgsqlTransaction transaction, CancellationToken cancellationToken)
        {
            var p = _findExisting.Parameters;
            p[0].Value = indexes.ToArray();
            p[1].Value = indexes.Select(i => messages[i].Id).ToArray();
            p[2].Value = indexes.Select(i => messages[i].TenantId).ToArray();
            p[3].Value = indexes.Select(i => messages[i].IdempotencyKey).ToArray();
            _findExisting.Transaction = transaction;

            var found = new HashSet<int>();
            await using (var reader = await _findExisting.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var index = reader.GetInt32(0);
                    outcomes[index] = BatchInsertOutcome.DuplicateOf(reader.GetGuid(1), reader.GetString(2), reader.GetFieldValue<DateTime>(3));
                    found.Add(index);
                }
            }

            var missing = indexes.FirstOrDefault(index => !found.Contains(index), -1);
            if (missing >= 0)
            {
                throw new InvalidOperationException(
                    $"Message {messages[missing].Id} was not inserted, yet no stored message holds its id or idempotency key.");
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _insert.DisposeAsync();
            await _findExisting.DisposeAsync();
            await _connection.DisposeAsync();
        }

        private static NpgsqlCommand Create(NpgsqlConnection connection, string sql, params NpgsqlDbType[] elementTypes)
        {
            var command = new NpgsqlCommand(sql, connection);
            foreach (var elementType in elementTypes)
            {
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | elementType });
            }

            return command;
        }
    }
}

/// <summary>PostgreSQL's refused values (<see cref="PostgreSqlRefusedValues"/>) as the batch refuses a row.</summary>
public static class PostgreSqlRowErrors
{
    public static UnstorableReason? Classify(string sqlState) => PostgreSqlRefusedValues.Classify(sqlState)?.AsUnstorableReason();

    public static BatchRowRefusedException? AsRowRefusal(Exception exception) =>
        BatchRowRefusals.From(PostgreSqlRefusedValues.Find(exception), exception);
}
