using Messaging.EntityFrameworkCore;
using Messaging.EventBus;
using Messaging.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Messaging.Messages;

public class RepublishStuckAcceptedMessagesJobTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task MessageLeftAccepted_IsRepublishedOnce_AndReachesQueuedExactlyOnce(DatabaseProvider provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await GroupCommitHarness.StartAsync(replace: services => services.AddSingleton<TimeProvider>(clock), provider: provider);
        var stuck = new[] { TestMessages.Sms(Guid.NewGuid(), "one"), TestMessages.Sms(Guid.NewGuid(), "two") };
        await harness.InsertBatchAsync(stuck);
        // The transport confirmed the acceptance events, but no consumer ever handled them (a lost or dead-lettered delivery).
        await harness.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().OutboxMessages
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.SentAt, clock.GetUtcNow().UtcDateTime)));

        clock.Advance(TimeSpan.FromMinutes(4));
        await SweepAsync(harness);
        (await AcceptanceEventsAsync(harness, stuck[0].Id)).ShouldBe(1, "not stuck for long enough yet");

        clock.Advance(TimeSpan.FromMinutes(2));
        await SweepAsync(harness);
        await SweepAsync(harness);
        foreach (var message in stuck)
        {
            (await AcceptanceEventsAsync(harness, message.Id)).ShouldBe(2, "republished once, however often the sweep runs");
        }

        var settings = harness.Services.GetRequiredService<IOptionsMonitor<EventBusOptions>>().CurrentValue;
        while (await harness.Relay.RelayOnceAsync(settings, CancellationToken.None) > 0)
        {
        }

        await SweepAsync(harness);
        foreach (var message in stuck)
        {
            var history = await HistoryAsync(harness, message);
            history.Count(status => status == MessageStatus.Queued).ShouldBe(1);
            history.Last().ShouldBe(MessageStatus.Queued);
            (await AcceptanceEventsAsync(harness, message.Id)).ShouldBe(2, "a queued message is not republished");
        }
    }

    private static Task SweepAsync(GroupCommitHarness harness) =>
        harness.RunJobAsync<RepublishStuckAcceptedMessagesJob>(job => job.ExecuteAsync(new RepublishStuckAcceptedMessagesArgs(), CancellationToken.None));

    private static Task<int> AcceptanceEventsAsync(GroupCommitHarness harness, Guid messageId) =>
        harness.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().OutboxMessages
            .CountAsync(o => o.Payload.Contains(messageId.ToString())));

    private static async Task<List<MessageStatus>> HistoryAsync(GroupCommitHarness harness, Message message)
    {
        using var _ = harness.CurrentTenant.Change(message.TenantId);
        return await harness.InScopeAsync(async services =>
            (await services.GetRequiredService<IMessageRepository>().FindWithHistoryAsync(message.Id))!.History
                .OrderBy(h => h.OccurredAt).Select(h => h.Status).ToList());
    }
}
