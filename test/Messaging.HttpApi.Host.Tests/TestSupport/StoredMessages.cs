using Messaging.EntityFrameworkCore;
using Messaging.EntityFrameworkCore.PostgreSql;
using Messaging.EntityFrameworkCore.Sqlite;
using Messaging.Messages;
using Messaging.MultiTenancy;
using Microsoft.EntityFrameworkCore;

namespace Messaging.TestSupport;

/// <summary>
/// Messages written straight into a host's database at chosen times and statuses, through the domain's own transitions,
/// for reads whose answer must be known exactly. Only statuses no background work moves on: Accepted (no acceptance
/// event is written), Sent, Delivered and Failed.
/// </summary>
public static class StoredMessages
{
    public static Message Create(Guid tenantId, DateTime acceptedAt, MessageStatus status, MessageChannel channel = MessageChannel.Sms,
        MessagePriority priority = MessagePriority.Normal, string recipient = "+14155550123")
    {
        var message = Message.Accept(tenantId, channel, recipient, "stored for a read test", priority, null, null, acceptedAt);
        var at = acceptedAt.AddSeconds(1);
        var moved = status switch
        {
            MessageStatus.Accepted => true,
            MessageStatus.Sent => Send(message, at),
            MessageStatus.Delivered => Send(message, at) && message.MarkDelivered(at.AddSeconds(1), "receipt"),
            MessageStatus.Failed => message.MarkQueued(at, at) && message.MarkSending(at) && message.MarkFailed(at, "invalid-number", "refused"),
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "background work would move it")
        };
        return moved ? message : throw new InvalidOperationException($"The lifecycle refused to reach {status}.");
    }

    public static async Task InsertAsync(DatabaseProvider provider, string connectionString, Guid tenantId, IEnumerable<Message> messages)
    {
        var currentTenant = new AsyncLocalCurrentTenant();
        using var tenant = currentTenant.Change(tenantId);
        await using var db = Context(provider, connectionString, currentTenant);
        db.Messages.AddRange(messages);
        await db.SaveChangesAsync();
    }

    public static MessagingDbContext Context(DatabaseProvider provider, string connectionString, ICurrentTenant currentTenant) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteMessagingDbContext(
            new DbContextOptionsBuilder<SqliteMessagingDbContext>().UseSqlite(connectionString).Options, currentTenant),
        DatabaseProvider.PostgreSql => new PostgreSqlMessagingDbContext(
            new DbContextOptionsBuilder<PostgreSqlMessagingDbContext>().UseNpgsql(connectionString).Options, currentTenant),
        _ => throw new NotSupportedException($"No test server for {provider}.")
    };

    private static bool Send(Message message, DateTime at) =>
        message.MarkQueued(at, at) && message.MarkSending(at) && message.MarkSent("sandbox", $"stored-{message.Id:N}", at);
}
