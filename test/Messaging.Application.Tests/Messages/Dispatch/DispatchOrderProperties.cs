using CsCheck;
using Messaging.Messages;

namespace Messaging.Messages.Dispatch;

/// <summary>Priority with aging, as properties of the rank every dispatcher sorts by.</summary>
public class DispatchOrderProperties
{
    private static readonly Gen<MessagePriority> Priority = Gen.Enum<MessagePriority>();
    private static readonly Gen<TimeSpan> AgingStep = Gen.Int[1, 600].Select(seconds => TimeSpan.FromSeconds(seconds));
    private static readonly DateTime Origin = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void QueuedTogether_HigherPriorityGoesFirst() =>
        Gen.Select(Priority, Priority, Gen.Int[0, 1_000_000], AgingStep).Sample((first, second, offsetMs, step) =>
        {
            var queuedAt = Origin.AddMilliseconds(offsetMs);
            var order = DispatchOrder.RankFor(first, queuedAt, step).CompareTo(DispatchOrder.RankFor(second, queuedAt, step));
            return Math.Sign(order) == -Math.Sign(first.CompareTo(second));
        });

    [Fact]
    public void NoMessageWaitsBehindOneQueuedMoreThanTheOvertakeWindowLater() =>
        Gen.Select(Priority, Priority, Gen.Int[0, 1_000_000], Gen.Int[1, 1_000_000], AgingStep).Sample((early, late, offsetMs, extraMs, step) =>
        {
            var earlyAt = Origin.AddMilliseconds(offsetMs);
            var lateAt = earlyAt + DispatchOrder.MaxOvertakeWindow(step) + TimeSpan.FromMilliseconds(extraMs);
            return DispatchOrder.RankFor(early, earlyAt, step) < DispatchOrder.RankFor(late, lateAt, step);
        });

    [Fact]
    public void SamePriority_IsFirstInFirstOut() =>
        Gen.Select(Priority, Gen.Int[0, 1_000_000], Gen.Int[1, 1_000_000], AgingStep).Sample((priority, offsetMs, laterMs, step) =>
        {
            var first = Origin.AddMilliseconds(offsetMs);
            return DispatchOrder.RankFor(priority, first, step) < DispatchOrder.RankFor(priority, first.AddMilliseconds(laterMs), step);
        });
}
