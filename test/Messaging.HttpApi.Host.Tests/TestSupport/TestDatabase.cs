using Messaging.EmailQueue;
using Messaging.EntityFrameworkCore.Sqlite;
using Messaging.EventBus;
using Messaging.Messages;
using Messaging.Messages.Events;
using Messaging.MultiTenancy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Messaging.TestSupport;

/// <summary>A throwaway folder holding one SQLite file, and direct reads of it to check what was really stored.</summary>
public sealed class TestDatabase : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("messaging-host-tests-");

    public string File => Path.Combine(_folder.FullName, "messaging.db");

    public string ConnectionString => $"Data Source={File}";

    public async Task<List<Guid>> StoredMessageIdsAsync()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Id" FROM "MsgMessages" """;
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<Guid>();
        while (await reader.ReadAsync())
        {
            ids.Add(Guid.Parse(reader.GetString(0)));
        }

        return ids;
    }

    /// <summary>The failed attempts of every status callback still owed, as the delivery worker recorded them.</summary>
    public async Task<List<int>> OwedCallbackFailedAttemptsAsync()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "FailedAttempts" FROM "MsgPendingStatusCallbacks" """;
        await using var reader = await command.ExecuteReaderAsync();
        var attempts = new List<int>();
        while (await reader.ReadAsync())
        {
            attempts.Add(reader.GetInt32(0));
        }

        return attempts;
    }

    /// <summary>
    /// Stores a message as a dispatcher leaves it once its provider took it (accepted, queued, sending, sent under the
    /// provider's id), through the domain's own transitions, straight into the host's database.
    /// </summary>
    public async Task<Guid> InsertSentMessageAsync(Guid tenantId, MessageChannel channel, string provider, string providerMessageId)
    {
        var now = DateTime.UtcNow;
        var recipient = channel == MessageChannel.Webhook ? "https://receiver.example.com/hook" : "+14155550123";
        var message = Message.Accept(tenantId, channel, recipient, "hello", MessagePriority.Normal, null, null, now);
        if (!message.MarkQueued(now, now) || !message.MarkSending(now) || !message.MarkSent(provider, providerMessageId, now))
        {
            throw new InvalidOperationException("The lifecycle refused a transition the dispatcher makes.");
        }

        var currentTenant = new AsyncLocalCurrentTenant();
        using var tenant = currentTenant.Change(tenantId);
        await using var db = new SqliteMessagingDbContext(
            new DbContextOptionsBuilder<SqliteMessagingDbContext>().UseSqlite(ConnectionString).Options, currentTenant);
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    }

    /// <summary>
    /// Stores an accepted message whose acceptance event the outbox relay parked, as a relay that parked events after a
    /// few failed attempts could leave it: acknowledged, and never queued.
    /// </summary>
    public async Task<(Guid MessageId, Guid EventId)> InsertMessageWithParkedAcceptanceAsync(Guid tenantId)
    {
        var now = DateTime.UtcNow;
        var message = Message.Accept(tenantId, MessageChannel.Sms, "+14155550123", "hello", MessagePriority.Normal, null, null, now);
        var acceptance = new OutboxMessageFactory(new EventTypeRegistry([typeof(IntegrationEvent).Assembly]))
            .Create(new MessageAcceptedEto(message.Id, message.Channel, message.Priority, message.AcceptedAt) { TenantId = tenantId });
        var currentTenant = new AsyncLocalCurrentTenant();
        using var tenant = currentTenant.Change(tenantId);
        await using var db = new SqliteMessagingDbContext(
            new DbContextOptionsBuilder<SqliteMessagingDbContext>().UseSqlite(ConnectionString).Options, currentTenant);
        db.Messages.Add(message);
        db.OutboxMessages.Add(acceptance);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        await db.OutboxMessages.Where(o => o.Id == acceptance.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.DeadLetteredAt, now).SetProperty(o => o.FailedAttempts, 5));
        await transaction.CommitAsync();
        return (message.Id, acceptance.Id);
    }

    /// <summary>An email event dead-lettered because its mailbox does not exist, with the address suppressed, as delivery leaves them.</summary>
    public async Task<Guid> InsertUnknownMailboxDeadLetterAsync(Guid tenantId, string recipient)
    {
        var now = DateTime.UtcNow;
        var emailEvent = EmailEvent.Accept(tenantId, EmailEventType.Welcome, recipient, $$"""{"to":"{{recipient}}","name":"Gone"}""", null, "hash", now);
        emailEvent.MarkQueued(now);
        emailEvent.DeadLetter(new EmailAttempt(emailEvent.Id, tenantId, 1, now, TimeSpan.FromMilliseconds(5), EmailErrorClass.Permanent, "550", "5.1.1",
            "5.1.1 No such user"), now);
        var currentTenant = new AsyncLocalCurrentTenant();
        using var tenant = currentTenant.Change(tenantId);
        await using var db = new SqliteMessagingDbContext(
            new DbContextOptionsBuilder<SqliteMessagingDbContext>().UseSqlite(ConnectionString).Options, currentTenant);
        db.Add(emailEvent);
        db.Add(new EmailSuppression(tenantId, recipient, emailEvent.Id, "5.1.1 No such user", now));
        await db.SaveChangesAsync();
        return emailEvent.Id;
    }

    /// <summary>
    /// Holds SQLite's write lock until disposed, so the host's writer waits: the way to fill the buffer
    /// and to keep requests in flight without touching the host's code.
    /// </summary>
    public async Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        var connection = new SqliteConnection(ConnectionString + ";Pooling=False");
        await connection.OpenAsync();
        await using (var begin = connection.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }

        return new WriteLock(connection);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private sealed class WriteLock(SqliteConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using (var rollback = connection.CreateCommand())
            {
                rollback.CommandText = "ROLLBACK";
                await rollback.ExecuteNonQueryAsync();
            }

            await connection.DisposeAsync();
        }
    }
}
