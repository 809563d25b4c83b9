namespace Messaging.Messages;

/// <summary>Limits of the activity feed and the statistics, so one request never reads an unbounded amount.</summary>
public static class MessageFeedConsts
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    public const int MaxTrackingIds = 100;

    /// <summary>A day of minutes, two months of hours, about four years of days.</summary>
    public const int MaxStatisticsBuckets = 1_440;
}
