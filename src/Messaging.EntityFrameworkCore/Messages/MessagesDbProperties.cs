namespace Messaging.EntityFrameworkCore.Messages;

public static class MessagesDbProperties
{
    public const string DbTablePrefix = "Msg";
    public const string MessagesTable = DbTablePrefix + "Messages";
    public const string StatusChangesTable = DbTablePrefix + "MessageStatusChanges";
    public const string SettingsVersionsTable = DbTablePrefix + "HighThroughputSettingsVersions";
}
