namespace Messaging.EntityFrameworkCore.Channel;

public static class ChannelDbProperties
{
    public const string DbTablePrefix = "Chn";
    public const string ChannelsTable = DbTablePrefix + "Channels";
    public const string MessagesTable = DbTablePrefix + "Messages";
    public const string DelayedMessagesTable = DbTablePrefix + "DelayedMessages";
    public const string DelayedQuotasTable = DbTablePrefix + "DelayedQuotas";
}
