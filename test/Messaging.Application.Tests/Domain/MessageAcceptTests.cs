using Messaging.Messages;
using Messaging.TestSupport;

namespace Messaging.Domain;

public class MessageAcceptTests
{
    private static readonly Guid Tenant = Guid.NewGuid();

    [Fact]
    public void Accept_StartsInAcceptedWithOneHistoryEntry()
    {
        var message = TestMessages.Sms(Tenant);

        message.Status.ShouldBe(MessageStatus.Accepted);
        message.History.ShouldHaveSingleItem().Status.ShouldBe(MessageStatus.Accepted);
        message.History[0].OccurredAt.ShouldBe(message.AcceptedAt);
        message.TenantId.ShouldBe(Tenant);
    }

    [Fact]
    public void Accept_GivesTrackingIdsThatSortByAcceptanceTime()
    {
        var earlier = Message.Accept(Tenant, MessageChannel.Sms, "+14155550123", "a", MessagePriority.Normal, null, null,
            new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var later = Message.Accept(Tenant, MessageChannel.Sms, "+14155550123", "a", MessagePriority.Normal, null, null,
            new DateTime(2026, 1, 1, 0, 0, 1, DateTimeKind.Utc));

        earlier.Id.Version.ShouldBe(7);
        earlier.Id.CompareTo(later.Id).ShouldBeLessThan(0);
    }

    [Fact]
    public void Accept_GivesUnguessableIdsEvenInTheSameMillisecond()
    {
        var at = DateTime.UtcNow;
        var ids = Enumerable.Range(0, 1000)
            .Select(_ => Message.Accept(Tenant, MessageChannel.Sms, "+14155550123", "a", MessagePriority.Normal, null, null, at).Id)
            .ToHashSet();

        ids.Count.ShouldBe(1000);
    }

    [Fact]
    public void Accept_KeepsTheAcceptanceTimeToTheMicrosecond_AsEveryDatabaseStoresIt()
    {
        var at = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(1_234_567);

        var message = Message.Accept(Tenant, MessageChannel.Sms, "+14155550123", "a", MessagePriority.Normal, null, null, at);

        message.AcceptedAt.ShouldBe(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(1_234_560));
        message.AcceptedAt.Kind.ShouldBe(DateTimeKind.Utc);
        message.History[0].OccurredAt.ShouldBe(message.AcceptedAt);
    }

    [Fact]
    public void Accept_RefusesAMessageWithoutTenant()
    {
        Should.Throw<ArgumentException>(() => TestMessages.Sms(Guid.Empty));
    }

    [Fact]
    public void Accept_RefusesLocalTime()
    {
        Should.Throw<ArgumentException>(() =>
            Message.Accept(Tenant, MessageChannel.Sms, "+14155550123", "a", MessagePriority.Normal, null, null, DateTime.Now));
    }

    [Fact]
    public void SameRequest_HasTheSameFingerprint_AndAnyDifferenceChangesIt()
    {
        var original = TestMessages.Sms(Tenant, "hello", "key-1");

        original.IsRetryOf(TestMessages.Sms(Tenant, "hello", "key-1").RequestHash).ShouldBeTrue();
        original.IsRetryOf(TestMessages.Sms(Tenant, "hello!", "key-1").RequestHash).ShouldBeFalse();
        original.IsRetryOf(TestMessages.Sms(Tenant, "hello", "key-1", MessagePriority.High).RequestHash).ShouldBeFalse();
    }
}
