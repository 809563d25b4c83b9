namespace Messaging.Channel;

/// <summary>The current tenant's channels and their messages.</summary>
public interface IChannelRepository
{
    Task<Channel?> FindAsync(Guid id, CancellationToken cancellationToken);

    void Add(Channel channel);

    /// <summary>Deletes the channel with its messages (and cancels nothing: its waiting delayed messages expire when due).</summary>
    Task DeleteAsync(Channel channel, CancellationToken cancellationToken);

    void AddMessage(ChannelMessage message);

    /// <summary>The newest messages first, those before <paramref name="beforeSequence"/> when given.</summary>
    Task<IReadOnlyList<ChannelMessage>> ListMessagesAsync(Guid channelId, long? beforeSequence, int count, CancellationToken cancellationToken);

    /// <summary>Messages after <paramref name="afterSequence"/> in order, at most <paramref name="count"/>, none posted before <paramref name="notBefore"/>.</summary>
    Task<IReadOnlyList<ChannelMessage>> ListMessagesAfterAsync(Guid channelId, long afterSequence, int count, DateTime notBefore,
        CancellationToken cancellationToken);
}
