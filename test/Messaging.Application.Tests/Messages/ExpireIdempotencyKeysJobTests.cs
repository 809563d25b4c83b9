using Messaging.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Messages;

public class ExpireIdempotencyKeysJobTests
{
    [Fact]
    public async Task KeysPastRetention_AreForgotten_SoTheKeyCanBeUsedAgain()
    {
        await using var harness = await GroupCommitHarness.StartAsync();
        var tenant = Guid.NewGuid();
        var old = Message.Accept(tenant, MessageChannel.Sms, "+14155550123", "old", MessagePriority.Normal, null, "order-1",
            DateTime.UtcNow.AddDays(-2));
        var recent = TestMessages.Sms(tenant, "recent", "order-2");
        await harness.IngestAsync(old);
        await harness.IngestAsync(recent);

        await harness.RunJobAsync<ExpireIdempotencyKeysJob>(job => job.ExecuteAsync(new ExpireIdempotencyKeysArgs(), CancellationToken.None));
        var reused = await harness.IngestAsync(TestMessages.Sms(tenant, "new body", "order-1"));

        reused.TrackingId.ShouldNotBe(old.Id);
        var stored = await harness.StoredMessagesAsync(tenant);
        stored.Single(s => s.Id == old.Id).IdempotencyKey.ShouldBeNull();
        stored.Single(s => s.Id == recent.Id).IdempotencyKey.ShouldBe("order-2");
    }
}
