using Messaging.EventBus;

namespace Messaging.EntityFrameworkCore.EventBus;

public static class EventBusDbProperties
{
    public const string DbTablePrefix = "Eb";
    public const string OutboxTable = DbTablePrefix + "Outbox";
    public const string InboxTable = DbTablePrefix + "Inbox";

    /// <summary>
    /// The columns a new outbox row is written with, quoted as every database reads them (SQL Server with
    /// QUOTED_IDENTIFIER on, SqlClient's default) and named as the EF Core model maps them. A raw statement that writes
    /// the outbox lists them with <c>INSERT INTO "EbOutbox" (...)</c> and gives, in this order, the event's id, name,
    /// payload, tenant, correlation id, trace parent, creation time and 0 failed attempts.
    /// </summary>
    public const string OutboxInsertColumns =
        $"\"{nameof(OutboxMessage.Id)}\", \"{nameof(OutboxMessage.EventName)}\", \"{nameof(OutboxMessage.Payload)}\", "
        + $"\"{nameof(OutboxMessage.TenantId)}\", \"{nameof(OutboxMessage.CorrelationId)}\", \"{nameof(OutboxMessage.TraceParent)}\", "
        + $"\"{nameof(OutboxMessage.CreatedAt)}\", \"{nameof(OutboxMessage.FailedAttempts)}\"";
}
