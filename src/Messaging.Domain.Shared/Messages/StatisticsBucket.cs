namespace Messaging.Messages;

/// <summary>The width of one bucket of message statistics; buckets start on whole UTC minutes, hours or days.</summary>
public enum StatisticsBucket
{
    Minute,
    Hour,
    Day
}
