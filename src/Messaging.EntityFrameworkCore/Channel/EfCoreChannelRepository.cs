using Messaging.Channel;
using Microsoft.EntityFrameworkCore;
using ChannelAggregate = Messaging.Channel.Channel;

namespace Messaging.EntityFrameworkCore.Channel;

public sealed class EfCoreChannelRepository(MessagingDbContext db) : IChannelRepository
{
    private DbSet<ChannelAggregate> Channels => db.Set<ChannelAggregate>();

    private DbSet<ChannelMessage> Messages => db.Set<ChannelMessage>();

    public Task<ChannelAggregate?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        Channels.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    public void Add(ChannelAggregate channel) => Channels.Add(channel);

    public async Task DeleteAsync(ChannelAggregate channel, CancellationToken cancellationToken)
    {
        // Messages go with their channel (ON DELETE CASCADE); deleting them first keeps the one statement the database runs short.
        await Messages.Where(m => m.ChannelId == channel.Id).ExecuteDeleteAsync(cancellationToken);
        Channels.Remove(channel);
    }

    public void AddMessage(ChannelMessage message) => Messages.Add(message);

    public async Task<IReadOnlyList<ChannelMessage>> ListMessagesAsync(Guid channelId, long? beforeSequence, int count, CancellationToken cancellationToken)
    {
        var messages = Messages.AsNoTracking().Where(m => m.ChannelId == channelId);
        if (beforeSequence is { } before)
        {
            messages = messages.Where(m => m.Sequence < before);
        }

        return await messages.OrderByDescending(m => m.Sequence).Take(count).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ChannelMessage>> ListMessagesAfterAsync(Guid channelId, long afterSequence, int count, DateTime notBefore,
        CancellationToken cancellationToken) =>
        await Messages.AsNoTracking()
            .Where(m => m.ChannelId == channelId && m.Sequence > afterSequence && m.PostedAt >= notBefore)
            .OrderBy(m => m.Sequence)
            .Take(count)
            .ToListAsync(cancellationToken);
}
