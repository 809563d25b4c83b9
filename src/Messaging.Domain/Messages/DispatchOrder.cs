namespace Messaging.Messages;

/// <summary>
/// Priority with aging, as one sortable value. Each priority level gives a message a head start of
/// <c>agingStep</c> over the level below, so queued messages dispatch by rank = queued time - level x step:
/// within one step of arrival time, higher priority goes first; a message never waits behind a higher-priority
/// message that was queued more than (level difference x step) after it. Low priority is therefore never starved,
/// and its extra wait is bounded by three steps. One value keeps the order an index scan, on every database.
/// </summary>
public static class DispatchOrder
{
    public static DateTime RankFor(MessagePriority priority, DateTime queuedAtUtc, TimeSpan agingStep) =>
        queuedAtUtc - (int)priority * agingStep;

    /// <summary>The longest a message can be overtaken by messages queued after it.</summary>
    public static TimeSpan MaxOvertakeWindow(TimeSpan agingStep) => (int)MessagePriority.Critical * agingStep;
}
