using Messaging.Messages;
using Messaging.Messages.Feed;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.Messages;

/// <summary>
/// The feed and its statistics, both ranges of the index on (TenantId, AcceptedAt, Id) (see docs/benchmarks.md): the
/// tenant comes from the query filter, a page continues after its cursor's (AcceptedAt, Id) in index order, and
/// statistics read only the requested range of acceptance times.
/// </summary>
public sealed class EfCoreMessageFeedReader(MessagingDbContext db) : IMessageFeedReader
{
    public async Task<IReadOnlyList<MessageFeedEntry>> GetPageAsync(MessageFeedFilter filter, MessageFeedPosition? after, int count,
        CancellationToken cancellationToken = default) =>
        await Page(filter, after, count).ToListAsync(cancellationToken);

    /// <summary>The page's query, for tests that look at its plan.</summary>
    public IQueryable<MessageFeedEntry> Page(MessageFeedFilter filter, MessageFeedPosition? after, int count)
    {
        var query = Filtered(filter);
        if (after is { } position)
        {
            // The first condition repeats what the second implies: it bounds the index range, where the OR alone would
            // leave the database scanning from the newest message to the cursor on every page.
            query = query.Where(m => m.AcceptedAt <= position.AcceptedAt
                && (m.AcceptedAt < position.AcceptedAt || m.Id.CompareTo(position.Id) < 0));
        }

        return query
            .OrderByDescending(m => m.AcceptedAt)
            .ThenByDescending(m => m.Id)
            .Take(count)
            .Select(m => new MessageFeedEntry(m.Id, m.Status, m.Channel, m.Priority, m.Recipient, m.AcceptedAt, m.StatusChangedAt,
                m.DispatchAttempts, m.ProviderName, m.FailureCode));
    }

    public async Task<IReadOnlyList<MessageCount>> CountAsync(DateTime from, DateTime to, StatisticsBucket bucket, MessageChannel? channel,
        CancellationToken cancellationToken = default)
    {
        var rows = await Counts(from, to, bucket, channel).ToListAsync(cancellationToken);
        return rows.Select(row => new MessageCount(new DateTime(row.Year, row.Month, row.Day, row.Hour, row.Minute, 0, DateTimeKind.Utc),
            row.Status, row.Channel, row.Count)).ToList();
    }

    /// <summary>
    /// The statistics' query, for tests that look at its plan. Buckets are grouped by the parts of the acceptance time
    /// (every provider translates those), the parts finer than the bucket held at their first value.
    /// </summary>
    public IQueryable<BucketCount> Counts(DateTime from, DateTime to, StatisticsBucket bucket, MessageChannel? channel)
    {
        var query = db.Messages.AsNoTracking().Where(m => m.AcceptedAt >= from && m.AcceptedAt < to);
        if (channel is { } only)
        {
            query = query.Where(m => m.Channel == only);
        }

        return bucket switch
        {
            StatisticsBucket.Minute => query
                .GroupBy(m => new { m.AcceptedAt.Year, m.AcceptedAt.Month, m.AcceptedAt.Day, m.AcceptedAt.Hour, m.AcceptedAt.Minute, m.Status, m.Channel })
                .Select(g => new BucketCount(g.Key.Year, g.Key.Month, g.Key.Day, g.Key.Hour, g.Key.Minute, g.Key.Status, g.Key.Channel, g.Count())),
            StatisticsBucket.Hour => query
                .GroupBy(m => new { m.AcceptedAt.Year, m.AcceptedAt.Month, m.AcceptedAt.Day, m.AcceptedAt.Hour, m.Status, m.Channel })
                .Select(g => new BucketCount(g.Key.Year, g.Key.Month, g.Key.Day, g.Key.Hour, 0, g.Key.Status, g.Key.Channel, g.Count())),
            StatisticsBucket.Day => query
                .GroupBy(m => new { m.AcceptedAt.Year, m.AcceptedAt.Month, m.AcceptedAt.Day, m.Status, m.Channel })
                .Select(g => new BucketCount(g.Key.Year, g.Key.Month, g.Key.Day, 0, 0, g.Key.Status, g.Key.Channel, g.Count())),
            _ => throw new ArgumentOutOfRangeException(nameof(bucket), bucket, null)
        };
    }

    private IQueryable<Message> Filtered(MessageFeedFilter filter)
    {
        var query = db.Messages.AsNoTracking();
        if (filter.Status is { } status)
        {
            query = query.Where(m => m.Status == status);
        }

        if (filter.Channel is { } channel)
        {
            query = query.Where(m => m.Channel == channel);
        }

        if (filter.Priority is { } priority)
        {
            query = query.Where(m => m.Priority == priority);
        }

        if (filter.Recipient is { } recipient)
        {
            query = query.Where(m => m.Recipient == recipient);
        }

        if (filter.From is { } from)
        {
            query = query.Where(m => m.AcceptedAt >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(m => m.AcceptedAt < to);
        }

        if (filter.TrackingIds is { Count: > 0 } ids)
        {
            query = query.Where(m => ids.Contains(m.Id));
        }

        return query;
    }

    public sealed record BucketCount(int Year, int Month, int Day, int Hour, int Minute, MessageStatus Status, MessageChannel Channel, int Count);
}
