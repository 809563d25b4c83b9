using Messaging.EntityFrameworkCore;
using Messaging.EventBus;
using Messaging.Messages;
using Messaging.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.EventBus;

public class OutboxRelayTests
{
    [Fact]
    public async Task AcceptedMessage_IsQueuedThroughTheOutbox_AndTheEventMarkedSent()
    {
        await using var harness = await GroupCommitHarness.StartAsync();
        await harness.StartRelayAsync();
        var tenant = Guid.NewGuid();
        var message = TestMessages.Sms(tenant);

        await harness.IngestAsync(message);

        await Eventually.TrueAsync(async () => (await StatusAsync(harness, tenant, message.Id)) == MessageStatus.Queued, TimeSpan.FromSeconds(15), "the message is queued");
        await Eventually.TrueAsync(async () => (await OutboxRowAsync(harness, message.Id)).SentAt is not null, TimeSpan.FromSeconds(15), "the event is marked sent");
        var outbox = await OutboxRowAsync(harness, message.Id);
        outbox.TenantId.ShouldBe(tenant);
        outbox.EventName.ShouldBe("messages.message-accepted");
    }

    [Fact]
    public async Task RedeliveredEvent_HasItsEffectOnce()
    {
        await using var harness = await GroupCommitHarness.StartAsync();
        var tenant = Guid.NewGuid();
        var message = TestMessages.Sms(tenant);
        await harness.IngestAsync(message);
        var acceptedEvent = await OutboxRowAsync(harness, message.Id);
        var dispatcher = harness.Services.GetRequiredService<EventDispatcher>();

        var first = await dispatcher.DispatchAsync(acceptedEvent, CancellationToken.None);
        var again = await dispatcher.DispatchAsync(acceptedEvent, CancellationToken.None);
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => dispatcher.DispatchAsync(acceptedEvent, CancellationToken.None)));

        first.Confirmed.ShouldBeTrue();
        again.Confirmed.ShouldBeTrue();
        concurrent.ShouldAllBe(outcome => outcome.Confirmed);
        var history = await HistoryAsync(harness, tenant, message.Id);
        history.Count(status => status == MessageStatus.Queued).ShouldBe(1);
    }

    [Theory]
    [InlineData("nobody.handles-this", "{}", "nobody.handles-this")]
    [InlineData("messages.message-accepted", "{not json", "cannot be read")]
    [InlineData("messages.message-accepted", "null", "cannot be read")]
    public async Task EventThatCanNeverBeDelivered_IsParkedAtOnce_AndOthersKeepFlowing(string eventName, string payload, string reason)
    {
        await using var harness = await GroupCommitHarness.StartAsync(new Dictionary<string, string?>
        {
            ["EventBus:RelayPollInterval"] = "00:00:00.050"
        });
        var poison = new OutboxMessage(Guid.CreateVersion7(), eventName, payload, null, null, null, DateTime.UtcNow);
        await harness.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MessagingDbContext>();
            db.OutboxMessages.Add(poison);
            return await db.SaveChangesAsync();
        });
        await harness.StartRelayAsync();
        var tenant = Guid.NewGuid();
        var healthy = TestMessages.Sms(tenant);

        await harness.IngestAsync(healthy);

        await Eventually.TrueAsync(async () => (await OutboxRowAsync(harness, poison.Id)).DeadLetteredAt is not null, TimeSpan.FromSeconds(15), "the poison event is parked");
        var parked = await OutboxRowAsync(harness, poison.Id);
        parked.FailedAttempts.ShouldBe(1);
        parked.SentAt.ShouldBeNull();
        parked.LastError!.ShouldContain(reason);
        await Eventually.TrueAsync(async () => (await StatusAsync(harness, tenant, healthy.Id)) == MessageStatus.Queued, TimeSpan.FromSeconds(15), "the healthy message is queued");
    }

    [Fact]
    public async Task ConcurrentClaims_NeverTakeTheSameEvent()
    {
        await using var harness = await GroupCommitHarness.StartAsync();
        var tenant = Guid.NewGuid();
        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => harness.IngestAsync(TestMessages.Sms(tenant, $"m{i}"))));

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => harness.InScopeAsync(services =>
            services.GetRequiredService<IOutboxStore>().ClaimAsync(80, TimeSpan.FromMinutes(1), CancellationToken.None))));

        var claimed = claims.SelectMany(batch => batch.Select(o => o.Id)).ToList();
        claimed.Count.ShouldBe(claimed.Distinct().Count());
        claimed.Count.ShouldBe(300);
    }

    private static Task<OutboxMessage> OutboxRowAsync(GroupCommitHarness harness, Guid eventOrMessageId) =>
        harness.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().OutboxMessages.AsNoTracking()
            .SingleAsync(o => o.Id == eventOrMessageId || o.Payload.Contains(eventOrMessageId.ToString())));

    private static async Task<MessageStatus?> StatusAsync(GroupCommitHarness harness, Guid tenant, Guid messageId)
    {
        using var _ = harness.CurrentTenant.Change(tenant);
        return await harness.InScopeAsync(async services =>
            (await services.GetRequiredService<IMessageRepository>().FindWithHistoryAsync(messageId))?.Status);
    }

    private static async Task<List<MessageStatus>> HistoryAsync(GroupCommitHarness harness, Guid tenant, Guid messageId)
    {
        using var _ = harness.CurrentTenant.Change(tenant);
        return await harness.InScopeAsync(async services =>
            (await services.GetRequiredService<IMessageRepository>().FindWithHistoryAsync(messageId))!.History.Select(h => h.Status).ToList());
    }
}
