using CsCheck;
using Messaging.Messages.Ingestion;
using Messaging.TestSupport;

namespace Messaging.Messages;

public class MessageBufferTests
{
    private static readonly Guid Tenant = Guid.NewGuid();

    [Fact]
    public void AboveThreshold_OnlyHighAndCriticalGetIn_UntilFull()
    {
        var buffer = Buffer(capacity: 4, threshold: 2);

        Enqueue(buffer, MessagePriority.Normal).ShouldBe(BufferAdmission.Admitted);
        Enqueue(buffer, MessagePriority.Low).ShouldBe(BufferAdmission.Admitted);
        Enqueue(buffer, MessagePriority.Normal).ShouldBe(BufferAdmission.Backpressure);
        Enqueue(buffer, MessagePriority.High).ShouldBe(BufferAdmission.Admitted);
        Enqueue(buffer, MessagePriority.Critical).ShouldBe(BufferAdmission.Admitted);
        Enqueue(buffer, MessagePriority.Critical).ShouldBe(BufferAdmission.Full);
        buffer.Depth.ShouldBe(4);
    }

    [Fact]
    public void Release_FreesSlots()
    {
        var buffer = Buffer(capacity: 1, threshold: 1);
        Enqueue(buffer, MessagePriority.Normal);

        buffer.Release(1);

        Enqueue(buffer, MessagePriority.Normal).ShouldBe(BufferAdmission.Admitted);
    }

    [Fact]
    public void Closed_RefusesEverything_ButStillHandsOverWhatItHolds()
    {
        var buffer = Buffer(capacity: 10, threshold: 10);
        Enqueue(buffer, MessagePriority.Normal);

        buffer.Close();

        Enqueue(buffer, MessagePriority.Critical).ShouldBe(BufferAdmission.Closed);
        buffer.Reader.TryRead(out _).ShouldBeTrue();
        buffer.Reader.Completion.IsCompleted.ShouldBeTrue();
    }

    /// <summary>Property 5 and 6 of the seed: backpressure at the threshold, refusal at capacity, for any sequence.</summary>
    [Fact]
    public void Admissions_FollowTheThresholds_ForAnySequenceOfSendsAndReleases()
    {
        var operation = Gen.OneOf(
            Gen.Enum<MessagePriority>().Select(priority => (Send: true, Priority: priority, Release: 0)),
            Gen.Int[1, 5].Select(count => (Send: false, Priority: MessagePriority.Low, Release: count)));
        var scenario = Gen.Select(Gen.Int[1, 40], Gen.Int[0, 100], operation.Array[0, 150])
            .Select((capacity, thresholdPercent, operations) =>
                (Capacity: capacity, Threshold: Math.Max(1, capacity * thresholdPercent / 100), Operations: operations));

        scenario.Sample(s =>
        {
            var buffer = Buffer(s.Capacity, s.Threshold);
            var modelDepth = 0;
            foreach (var op in s.Operations)
            {
                if (!op.Send)
                {
                    var released = Math.Min(op.Release, modelDepth);
                    buffer.Release(released);
                    modelDepth -= released;
                    continue;
                }

                var limit = op.Priority >= MessagePriority.High ? s.Capacity : s.Threshold;
                var expected = modelDepth >= s.Capacity ? BufferAdmission.Full
                    : modelDepth >= limit ? BufferAdmission.Backpressure
                    : BufferAdmission.Admitted;
                Enqueue(buffer, op.Priority).ShouldBe(expected);
                if (expected == BufferAdmission.Admitted)
                {
                    modelDepth++;
                }

                buffer.Depth.ShouldBe(modelDepth);
                buffer.Depth.ShouldBeLessThanOrEqualTo(s.Capacity);
            }
        }, iter: 500);
    }

    [Fact]
    public async Task ConcurrentSenders_NeverOverfillTheBuffer()
    {
        var buffer = Buffer(capacity: 1000, threshold: 1000);

        var admitted = 0;
        await Parallel.ForAsync(0, 5000, async (_, _) =>
        {
            await Task.Yield();
            if (Enqueue(buffer, MessagePriority.Normal) == BufferAdmission.Admitted)
            {
                Interlocked.Increment(ref admitted);
            }
        });

        admitted.ShouldBe(1000);
        buffer.Depth.ShouldBe(1000);
    }

    [Fact]
    public void Batch_IsAdmittedWhole_OrRefusedWithoutTakingASlot()
    {
        var buffer = Buffer(capacity: 10, threshold: 6);
        Enqueue(buffer, MessagePriority.Normal);

        var tooManyForTheThreshold = Batch(6, MessagePriority.Normal);
        var fitsUnderTheThreshold = Batch(5, MessagePriority.Low);
        var urgentAboveTheThreshold = Batch(4, MessagePriority.High, MessagePriority.Critical);
        var pastCapacity = Batch(1, MessagePriority.Critical);

        buffer.TryEnqueueAll(tooManyForTheThreshold).ShouldBe(BufferAdmission.Backpressure);
        buffer.Depth.ShouldBe(1);
        buffer.TryEnqueueAll(fitsUnderTheThreshold).ShouldBe(BufferAdmission.Admitted);
        buffer.TryEnqueueAll(urgentAboveTheThreshold).ShouldBe(BufferAdmission.Admitted);
        buffer.TryEnqueueAll(pastCapacity).ShouldBe(BufferAdmission.Full);
        buffer.Depth.ShouldBe(10);
        var handedOver = new List<PendingMessage>();
        while (buffer.Reader.TryRead(out var pending))
        {
            handedOver.Add(pending);
        }

        handedOver.Skip(1).ShouldBe(fitsUnderTheThreshold.Concat(urgentAboveTheThreshold));
    }

    [Fact]
    public void Batch_WithOneLowPriorityMessage_IsHeldToTheThreshold()
    {
        var buffer = Buffer(capacity: 10, threshold: 2);

        buffer.TryEnqueueAll(Batch(3, MessagePriority.Critical, MessagePriority.Critical, MessagePriority.Low)).ShouldBe(BufferAdmission.Backpressure);
        buffer.TryEnqueueAll(Batch(3, MessagePriority.Critical, MessagePriority.High)).ShouldBe(BufferAdmission.Admitted);
    }

    [Fact]
    public void Closed_RefusesABatch()
    {
        var buffer = Buffer(capacity: 10, threshold: 10);

        buffer.Close();

        buffer.TryEnqueueAll(Batch(2, MessagePriority.Normal)).ShouldBe(BufferAdmission.Closed);
        buffer.Depth.ShouldBe(0);
    }

    /// <summary>A batch of <paramref name="count"/> messages with the priorities given in turn.</summary>
    private static List<PendingMessage> Batch(int count, params MessagePriority[] priorities) =>
        Enumerable.Range(0, count).Select(i => Pending(TestMessages.Sms(Tenant, $"m{i}", priority: priorities[i % priorities.Length]))).ToList();

    private static MessageBuffer Buffer(int capacity, int threshold) =>
        new(new StaticOptionsMonitor<HighThroughputOptions>(new HighThroughputOptions
        {
            Buffer = new MessageBufferOptions { Capacity = capacity, BackpressureThreshold = threshold }
        }));

    private static BufferAdmission Enqueue(MessageBuffer buffer, MessagePriority priority) =>
        buffer.TryEnqueue(Pending(TestMessages.Sms(Tenant, priority: priority)));

    private static PendingMessage Pending(Message message) => new(message, TestMessages.AcceptedEvent(message));
}
