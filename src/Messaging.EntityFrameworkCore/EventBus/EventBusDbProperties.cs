namespace Messaging.EntityFrameworkCore.EventBus;

public static class EventBusDbProperties
{
    public const string DbTablePrefix = "Eb";
    public const string OutboxTable = DbTablePrefix + "Outbox";
    public const string InboxTable = DbTablePrefix + "Inbox";
}
