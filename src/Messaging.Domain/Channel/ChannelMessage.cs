namespace Messaging.Channel;

/// <summary>A message posted to a channel; <see cref="Sequence"/> increases by one per message of its channel and is its event id.</summary>
public sealed class ChannelMessage
{
    private ChannelMessage()
    {
    }

    internal static ChannelMessage Create(Channel channel, long sequence, string content, string? postedBy, DateTime now, Guid? delayedMessageId) => new()
    {
        Id = Guid.CreateVersion7(),
        TenantId = channel.TenantId,
        ChannelId = channel.Id,
        Sequence = sequence,
        Content = content,
        PostedBy = postedBy,
        PostedAt = now,
        DelayedMessageId = delayedMessageId
    };

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid ChannelId { get; private set; }

    public long Sequence { get; private set; }

    public string Content { get; private set; } = "";

    public string? PostedBy { get; private set; }

    public DateTime PostedAt { get; private set; }

    /// <summary>The delayed message it was delivered from, if any.</summary>
    public Guid? DelayedMessageId { get; private set; }
}
