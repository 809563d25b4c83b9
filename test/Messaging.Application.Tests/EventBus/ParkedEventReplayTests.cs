using Messaging.EntityFrameworkCore;
using Messaging.ExceptionHandling;
using Messaging.Messages;
using Messaging.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Messaging.EventBus;

public class ParkedEventReplayTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ParkedEvents_AreListedByFilter_AndAReplayedOneIsDelivered(DatabaseProvider provider)
    {
        await using var harness = await GroupCommitHarness.StartAsync(provider: provider);
        var tenant = Guid.NewGuid();
        var other = Guid.NewGuid();
        var stuck = TestMessages.Sms(tenant);
        var elsewhere = TestMessages.Sms(other);
        await harness.InsertBatchAsync([stuck, elsewhere]);
        var parkedAt = DateTime.UtcNow.AddMinutes(-10);
        await ParkAllAsync(harness, parkedAt);
        var unknown = new OutboxMessage(Guid.CreateVersion7(), "tests.never-known", "{}", tenant, null, null, DateTime.UtcNow);
        await AddParkedAsync(harness, unknown, parkedAt.AddMinutes(5));

        var ofTenant = await AppServiceAsync(harness, s => s.GetListAsync(new ParkedEventFilterDto(TenantId: tenant)));
        var accepted = await AppServiceAsync(harness, s => s.GetListAsync(new ParkedEventFilterDto("messages.message-accepted", tenant)));
        var recent = await AppServiceAsync(harness, s => s.GetListAsync(new ParkedEventFilterDto(ParkedFrom: parkedAt.AddMinutes(1))));
        var firstPage = await AppServiceAsync(harness, s => s.GetListAsync(new ParkedEventFilterDto(), 0, 2));
        var secondPage = await AppServiceAsync(harness, s => s.GetListAsync(new ParkedEventFilterDto(), 2, 2));

        ofTenant.TotalCount.ShouldBe(2);
        ofTenant.Items.Select(e => e.EventName).ShouldBe(["tests.never-known", "messages.message-accepted"], "most recently parked first");
        var acceptedEvent = accepted.Items.ShouldHaveSingleItem();
        acceptedEvent.TenantId.ShouldBe(tenant);
        acceptedEvent.ParkedAt.ShouldBe(parkedAt, TimeSpan.FromMilliseconds(1));
        recent.Items.ShouldHaveSingleItem().Id.ShouldBe(unknown.Id);
        firstPage.TotalCount.ShouldBe(3);
        firstPage.Items.Count.ShouldBe(2);
        secondPage.Items.ShouldHaveSingleItem();
        firstPage.Items.Concat(secondPage.Items).Select(e => e.Id).Distinct().Count().ShouldBe(3);

        var replayed = await AppServiceAsync(harness, s => s.ReplayAsync(acceptedEvent.Id));
        await RelayUntilIdleAsync(harness);

        replayed.Replayed.ShouldBe(1);
        (await StatusAsync(harness, stuck)).ShouldBe(MessageStatus.Queued);
        (await StatusAsync(harness, elsewhere)).ShouldBe(MessageStatus.Accepted, "only the replayed event was relayed");
        (await AppServiceAsync(harness, s => s.GetListAsync(new ParkedEventFilterDto(TenantId: tenant)))).Items
            .ShouldHaveSingleItem().Id.ShouldBe(unknown.Id);
    }

    [Fact]
    public async Task ReplayAll_ReleasesEveryMatchingEvent_AndNothingElse()
    {
        await using var harness = await GroupCommitHarness.StartAsync();
        var tenant = Guid.NewGuid();
        var messages = Enumerable.Range(0, 3).Select(i => TestMessages.Sms(tenant, $"m{i}")).ToList();
        var other = TestMessages.Sms(Guid.NewGuid());
        await harness.InsertBatchAsync([.. messages, other]);
        await ParkAllAsync(harness, DateTime.UtcNow);

        var replayed = await AppServiceAsync(harness, s => s.ReplayAllAsync(new ParkedEventFilterDto("messages.message-accepted", tenant)));
        await RelayUntilIdleAsync(harness);

        replayed.Replayed.ShouldBe(3);
        foreach (var message in messages)
        {
            (await StatusAsync(harness, message)).ShouldBe(MessageStatus.Queued);
        }

        (await StatusAsync(harness, other)).ShouldBe(MessageStatus.Accepted);
    }

    [Fact]
    public async Task ReplayingAnIdThatIsNotParked_IsNotFound()
    {
        await using var harness = await GroupCommitHarness.StartAsync();
        var pending = TestMessages.Sms(Guid.NewGuid());
        await harness.InsertBatchAsync([pending]);
        var pendingEventId = await harness.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().OutboxMessages
            .Select(o => o.Id).SingleAsync());

        await Should.ThrowAsync<EntityNotFoundException>(() => AppServiceAsync(harness, s => s.ReplayAsync(Guid.NewGuid())));
        await Should.ThrowAsync<EntityNotFoundException>(() => AppServiceAsync(harness, s => s.ReplayAsync(pendingEventId)));
    }

    [Fact]
    public async Task ATenant_CannotListOrReplayParkedEvents()
    {
        await using var harness = await GroupCommitHarness.StartAsync();
        using var _ = harness.CurrentTenant.Change(Guid.NewGuid());

        await Should.ThrowAsync<ForbiddenException>(() => AppServiceAsync(harness, s => s.GetListAsync(new ParkedEventFilterDto())));
        await Should.ThrowAsync<ForbiddenException>(() => AppServiceAsync(harness, s => s.ReplayAllAsync(new ParkedEventFilterDto())));
    }

    [Fact]
    public async Task AnEmptyTimeRange_IsRefused()
    {
        await using var harness = await GroupCommitHarness.StartAsync();
        var at = DateTime.UtcNow;

        await Should.ThrowAsync<InputValidationException>(() =>
            AppServiceAsync(harness, s => s.GetListAsync(new ParkedEventFilterDto(ParkedFrom: at, ParkedBefore: at))));
        await Should.ThrowAsync<InputValidationException>(() =>
            AppServiceAsync(harness, s => s.GetListAsync(new ParkedEventFilterDto(), maxResultCount: 0)));
    }

    private static Task<T> AppServiceAsync<T>(GroupCommitHarness harness, Func<IParkedEventAppService, Task<T>> call) =>
        harness.InScopeAsync(services => call(services.GetRequiredService<IParkedEventAppService>()));

    private static Task ParkAllAsync(GroupCommitHarness harness, DateTime parkedAt) =>
        harness.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().OutboxMessages
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.DeadLetteredAt, parkedAt).SetProperty(o => o.FailedAttempts, 5)));

    private static async Task AddParkedAsync(GroupCommitHarness harness, OutboxMessage message, DateTime parkedAt)
    {
        await harness.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MessagingDbContext>();
            db.OutboxMessages.Add(message);
            return await db.SaveChangesAsync();
        });
        await harness.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().OutboxMessages
            .Where(o => o.Id == message.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.DeadLetteredAt, parkedAt)));
    }

    private static async Task RelayUntilIdleAsync(GroupCommitHarness harness)
    {
        var settings = harness.Services.GetRequiredService<IOptionsMonitor<EventBusOptions>>().CurrentValue;
        while (await harness.Relay.RelayOnceAsync(settings, CancellationToken.None) > 0)
        {
        }
    }

    private static async Task<MessageStatus?> StatusAsync(GroupCommitHarness harness, Message message)
    {
        using var _ = harness.CurrentTenant.Change(message.TenantId);
        return await harness.InScopeAsync(async services =>
            (await services.GetRequiredService<IMessageRepository>().FindWithHistoryAsync(message.Id))?.Status);
    }
}
