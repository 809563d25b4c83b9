using Messaging.EntityFrameworkCore;
using Messaging.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.EmailQueue.Inbound;

/// <summary>Phase 2's statements on real databases: every kind written, each email counted once however often or concurrently it is written.</summary>
public class InboundBatchWriterTests
{
    private static readonly InboundBatchSettings Settings = new(2, TimeSpan.FromHours(1), TimeSpan.FromHours(24), InboundEmailAction.Delete);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ABatch_WritesEveryKind_AndCountsEachEmailOnce(DatabaseProvider provider)
    {
        await using var harness = await GroupCommitHarness.StartAsync(provider: provider);
        var tenant = Guid.NewGuid();
        var worker = new InboundWorker(Guid.NewGuid(), tenant, "router", "secret", InboundEmailAction.Forward, null, true, DateTime.UtcNow);
        var filter = InboundFakes.Rule(tenant, EmailRuleKind.Filter, EmailRuleField.Subject, EmailRuleMatchType.Contains, "deal", InboundEmailAction.Delete, 1);
        var watch = InboundFakes.Rule(tenant, EmailRuleKind.Watch, EmailRuleField.Sender, EmailRuleMatchType.Glob, "*", InboundEmailAction.Tag, 0,
            alertThreshold: 3);
        var emails = Enumerable.Range(0, 5).Select(i => new InboundEmail(Guid.NewGuid(), tenant, worker.Id, $"msg_{i}",
            new InboundEmailFacts("shop@deals.example", "me@example.com", i < 3 ? "Big deal" : "Hello", new Dictionary<string, string>()),
            i < 3 ? new InboundDecision(InboundEmailAction.Delete, filter.Id, null) : new InboundDecision(InboundEmailAction.Forward, null, null),
            DateTime.UtcNow)).ToList();
        await harness.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MessagingDbContext>();
            db.AddRange(worker, filter, watch);
            db.AddRange(emails);
            return await db.SaveChangesAsync();
        });
        var items = emails.Select(e => new InboundWorkItem(e.Id, tenant, worker.Id, e.Sender, e.Subject, e.Decision, [watch.Id], e.ReceivedAt)).ToList();

        var results = await Task.WhenAll(
            WriteAsync(harness, items[..3]),
            WriteAsync(harness, items),
            WriteAsync(harness, items[2..]));
        var again = await WriteAsync(harness, items);

        results.Sum(r => r.Counted.Count).ShouldBe(5);
        again.Counted.ShouldBeEmpty();
        var (stats, rules, campaigns, subjects, processed) = await harness.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MessagingDbContext>();
            return (await db.Set<InboundStats>().IgnoreQueryFilters().SingleAsync(s => s.TenantId == tenant),
                await db.Set<EmailRule>().IgnoreQueryFilters().Where(r => r.TenantId == tenant).ToListAsync(),
                await db.Set<InboundCampaignStat>().IgnoreQueryFilters().Where(c => c.TenantId == tenant).ToListAsync(),
                await db.Set<InboundSubjectTrack>().IgnoreQueryFilters().Where(s => s.TenantId == tenant).ToListAsync(),
                await db.Set<InboundEmail>().IgnoreQueryFilters().CountAsync(e => e.TenantId == tenant && e.ProcessedAt != null));
        });
        (stats.Forwarded, stats.Deleted, stats.Dropped, stats.Tagged).ShouldBe((2L, 3L, 0L, 0L));
        rules.Single(r => r.Id == filter.Id).ProcessedCount.ShouldBe(3);
        rules.Single(r => r.Id == filter.Id).DeletedCount.ShouldBe(3);
        rules.Single(r => r.Id == watch.Id).HitCount.ShouldBe(5);
        campaigns.Select(c => (c.Subject, c.Count)).ShouldBe([("Big deal", 3L), ("Hello", 2L)], ignoreOrder: true);
        subjects.Select(s => (s.Subject, s.Count)).ShouldBe([("Big deal", 3L), ("Hello", 2L)], ignoreOrder: true);
        processed.ShouldBe(5);
        // "Big deal" came more than twice in the window: phase 2 made a dynamic rule that deletes it, once.
        rules.Where(r => r.Kind == EmailRuleKind.Dynamic).Select(r => (r.Pattern, r.Action)).ShouldBe([("Big deal", InboundEmailAction.Delete)]);
        // The retention sweep deletes it once it has expired (after DynamicRuleLifetime), and nothing else.
        Task<int> DeleteExpiredBefore(DateTime at) => harness.InScopeAsync(services =>
            services.GetRequiredService<IInboundEmailStore>().DeleteDynamicRulesExpiredBeforeAsync(at, 1000, CancellationToken.None));
        (await DeleteExpiredBefore(DateTime.UtcNow.AddHours(23))).ShouldBe(0);
        (await DeleteExpiredBefore(DateTime.UtcNow.AddHours(25))).ShouldBe(1);
        // Processed emails go, oldest first, a batch at a time; an email phase 2 has not counted stays.
        var unprocessed = new InboundEmail(Guid.NewGuid(), tenant, worker.Id, "msg_waiting",
            new InboundEmailFacts("shop@deals.example", "me@example.com", "Later", new Dictionary<string, string>()), emails[3].Decision, DateTime.UtcNow);
        await harness.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<MessagingDbContext>();
            db.Add(unprocessed);
            return await db.SaveChangesAsync();
        });
        Task<int> DeleteProcessedBefore(int maxCount) => harness.InScopeAsync(services =>
            services.GetRequiredService<IInboundEmailStore>().DeleteProcessedBeforeAsync(DateTime.UtcNow.AddMinutes(1), maxCount, CancellationToken.None));
        (await DeleteProcessedBefore(3)).ShouldBe(3);
        (await DeleteProcessedBefore(3)).ShouldBe(2);
        (await DeleteProcessedBefore(3)).ShouldBe(0);
        (await harness.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().Set<InboundEmail>().IgnoreQueryFilters()
            .Where(e => e.TenantId == tenant).Select(e => e.Id).ToListAsync())).ShouldBe([unprocessed.Id]);
    }

    private static Task<InboundBatchResult> WriteAsync(GroupCommitHarness harness, IReadOnlyList<InboundWorkItem> items) =>
        harness.InScopeAsync(async services =>
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await services.GetRequiredService<IInboundBatchWriter>().WriteAsync(items, Settings, DateTime.UtcNow, CancellationToken.None);
                }
                catch (Exception) when (attempt < 20)
                {
                    // Concurrent writers on SQLite meet a busy database and on PostgreSQL may deadlock: the processor retries likewise.
                    services.GetRequiredService<MessagingDbContext>().ChangeTracker.Clear();
                    await Task.Delay(50 * attempt);
                }
            }
        });
}
