namespace Messaging.Messages.Feed;

/// <summary>The UTC buckets of a statistics range: where each starts and how many the range holds.</summary>
public static class StatisticsBuckets
{
    public static DateTime StartOf(DateTime utc, StatisticsBucket bucket) =>
        new(utc.Ticks - utc.Ticks % Width(bucket).Ticks, DateTimeKind.Utc);

    public static TimeSpan Width(StatisticsBucket bucket) => bucket switch
    {
        StatisticsBucket.Minute => TimeSpan.FromMinutes(1),
        StatisticsBucket.Hour => TimeSpan.FromHours(1),
        StatisticsBucket.Day => TimeSpan.FromDays(1),
        _ => throw new ArgumentOutOfRangeException(nameof(bucket), bucket, null)
    };

    /// <summary>The start of every bucket that [from, to) touches, in order.</summary>
    public static long Count(DateTime from, DateTime to, StatisticsBucket bucket) =>
        (StartOf(to.AddTicks(-1), bucket) - StartOf(from, bucket)).Ticks / Width(bucket).Ticks + 1;

    public static IEnumerable<DateTime> Starts(DateTime from, DateTime to, StatisticsBucket bucket)
    {
        var width = Width(bucket);
        for (var start = StartOf(from, bucket); start < to; start += width)
        {
            yield return start;
        }
    }
}
