using Messaging.Channel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ChannelAggregate = Messaging.Channel.Channel;

namespace Messaging.EntityFrameworkCore.Channel;

/// <summary>
/// The channel list in three queries whatever the page size: the count, the page, and the last message of every channel
/// of the page (a join on the channel's last sequence). The message count is the last sequence, since messages are
/// numbered from 1 without gaps and only leave with their channel; the creator is on the channel; subscribers are the
/// SSE hub's, in memory. <c>Channel:ListLoading = PerChannel</c> selects <see cref="PerChannelListReader"/> instead, the
/// naive loading kept as the benchmark's baseline.
/// </summary>
public sealed class EfCoreChannelListReader(MessagingDbContext db, IOptionsMonitor<ChannelOptions> options) : IChannelListReader
{
    public Task<(long TotalCount, IReadOnlyList<ChannelSummary> Items)> ReadAsync(ChannelListQuery query, CancellationToken cancellationToken) =>
        options.CurrentValue.ListLoading == ChannelListLoading.PerChannel
            ? new PerChannelListReader(db).ReadAsync(query, cancellationToken)
            : ReadBatchedAsync(query, cancellationToken);

    private async Task<(long TotalCount, IReadOnlyList<ChannelSummary> Items)> ReadBatchedAsync(ChannelListQuery query, CancellationToken cancellationToken)
    {
        var filtered = ChannelListQueries.Filter(db.Set<ChannelAggregate>().AsNoTracking(), query);
        var total = await filtered.LongCountAsync(cancellationToken);
        var page = await ChannelListQueries.Order(filtered, query).Skip(query.Skip).Take(query.Take).ToListAsync(cancellationToken);
        if (page.Count == 0)
        {
            return (total, []);
        }

        var ids = page.Select(c => c.Id).ToList();
        var lastMessages = await db.Set<ChannelMessage>().AsNoTracking()
            .Where(m => ids.Contains(m.ChannelId))
            .Join(db.Set<ChannelAggregate>().Where(c => ids.Contains(c.Id)),
                m => new { m.ChannelId, m.Sequence },
                c => new { ChannelId = c.Id, Sequence = c.LastSequence },
                (m, _) => new { m.ChannelId, Last = new LastChannelMessage(m.Id, m.Sequence, m.Content, m.PostedAt, m.PostedBy) })
            .ToDictionaryAsync(m => m.ChannelId, m => m.Last, cancellationToken);
        return (total, page.Select(c => new ChannelSummary(c, c.LastSequence, lastMessages.GetValueOrDefault(c.Id))).ToList());
    }
}

/// <summary>The naive loading: the page's ids, then each channel, its message count and its last message by queries of their own.</summary>
public sealed class PerChannelListReader(MessagingDbContext db)
{
    public async Task<(long TotalCount, IReadOnlyList<ChannelSummary> Items)> ReadAsync(ChannelListQuery query, CancellationToken cancellationToken)
    {
        var filtered = ChannelListQueries.Filter(db.Set<ChannelAggregate>().AsNoTracking(), query);
        var total = await filtered.LongCountAsync(cancellationToken);
        var ids = await ChannelListQueries.Order(filtered, query).Skip(query.Skip).Take(query.Take).Select(c => c.Id).ToListAsync(cancellationToken);
        var items = new List<ChannelSummary>(ids.Count);
        foreach (var id in ids)
        {
            var channel = await db.Set<ChannelAggregate>().AsNoTracking().FirstAsync(c => c.Id == id, cancellationToken);
            var count = await db.Set<ChannelMessage>().LongCountAsync(m => m.ChannelId == id, cancellationToken);
            var last = await db.Set<ChannelMessage>().AsNoTracking().Where(m => m.ChannelId == id).OrderByDescending(m => m.Sequence)
                .Select(m => new LastChannelMessage(m.Id, m.Sequence, m.Content, m.PostedAt, m.PostedBy))
                .FirstOrDefaultAsync(cancellationToken);
            items.Add(new ChannelSummary(channel, count, last));
        }

        return (total, items);
    }
}

internal static class ChannelListQueries
{
    /// <summary>Filters are parameters of the query, never SQL text; the name filter matches literally (a % or _ is itself).</summary>
    public static IQueryable<ChannelAggregate> Filter(IQueryable<ChannelAggregate> channels, ChannelListQuery query)
    {
        if (query.NameContains is { } part)
        {
            channels = channels.Where(c => c.Name.Contains(part));
        }

        if (query.Tag is { } tag)
        {
            channels = channels.Where(c => c.Tags.Contains(tag));
        }

        if (query.IsArchived is { } archived)
        {
            channels = channels.Where(c => c.IsArchived == archived);
        }

        return channels;
    }

    /// <summary>The sort is one of a fixed set of fields, each with the id as the tie-breaker, so pages never overlap.</summary>
    public static IQueryable<ChannelAggregate> Order(IQueryable<ChannelAggregate> channels, ChannelListQuery query) => (query.Sort, query.Descending) switch
    {
        (ChannelSortField.Name, false) => channels.OrderBy(c => c.Name).ThenBy(c => c.Id),
        (ChannelSortField.Name, true) => channels.OrderByDescending(c => c.Name).ThenByDescending(c => c.Id),
        (ChannelSortField.LastMessageAt, false) => channels.OrderBy(c => c.LastMessageAt).ThenBy(c => c.Id),
        (ChannelSortField.LastMessageAt, true) => channels.OrderByDescending(c => c.LastMessageAt).ThenByDescending(c => c.Id),
        (_, false) => channels.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
        _ => channels.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
    };
}
