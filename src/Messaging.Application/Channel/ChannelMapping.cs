namespace Messaging.Channel;

internal static class ChannelMapping
{
    public static ChannelDto ToDto(Channel channel) => new(channel.Id, channel.Name, channel.Description, channel.Tags, channel.CreatedBy,
        channel.CreatedAt, channel.UpdatedAt, channel.IsArchived);

    public static ChannelMessageDto ToDto(ChannelMessage message) =>
        new(message.Id, message.ChannelId, message.Sequence, message.Content, message.PostedBy, message.PostedAt);

    public static ChannelMessageDto? ToDto(Guid channelId, LastChannelMessage? message) => message is null
        ? null
        : new ChannelMessageDto(message.Id, channelId, message.Sequence, message.Content, message.PostedBy, message.PostedAt);

    public static DelayedMessageDto ToDto(DelayedMessage message) => new(message.Id, message.ChannelId, message.Content, message.DeliverAt,
        message.CreatedAt, message.Status, message.FinishedAt, message.Sequence);
}
