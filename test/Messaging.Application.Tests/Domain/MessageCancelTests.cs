using Messaging.Messages;
using Messaging.TestSupport;

namespace Messaging.Domain;

public class MessageCancelTests
{
    private static readonly Guid Tenant = Guid.NewGuid();

    [Fact]
    public void AcceptedAndQueuedMessages_AreCancelled_WithAHistoryEntry()
    {
        var accepted = TestMessages.Sms(Tenant);
        var queued = TestMessages.Sms(Tenant);
        queued.MarkQueued(DateTime.UtcNow, DateTime.UtcNow);

        accepted.Cancel(DateTime.UtcNow).ShouldBeTrue();
        queued.Cancel(DateTime.UtcNow).ShouldBeTrue();

        accepted.Status.ShouldBe(MessageStatus.Cancelled);
        queued.History.Select(h => h.Status).ShouldBe([MessageStatus.Accepted, MessageStatus.Queued, MessageStatus.Cancelled]);
    }

    [Fact]
    public void OnceSending_ItIsTooLate()
    {
        var message = TestMessages.Sms(Tenant);
        message.MarkQueued(DateTime.UtcNow, DateTime.UtcNow);
        message.MarkSending(DateTime.UtcNow);

        message.Cancel(DateTime.UtcNow).ShouldBeFalse();

        message.Status.ShouldBe(MessageStatus.Sending);
    }

    [Fact]
    public void CancelledIsFinal_NothingMovesItAgain()
    {
        var message = TestMessages.Sms(Tenant);
        message.Cancel(DateTime.UtcNow);

        message.MarkQueued(DateTime.UtcNow, DateTime.UtcNow).ShouldBeFalse();
        message.MarkSending(DateTime.UtcNow).ShouldBeFalse();
        message.MarkFailed(DateTime.UtcNow, "late", "a late failure").ShouldBeFalse();
        message.Cancel(DateTime.UtcNow).ShouldBeFalse();

        message.Status.ShouldBe(MessageStatus.Cancelled);
        message.History.Count(h => h.Status == MessageStatus.Cancelled).ShouldBe(1);
    }
}
