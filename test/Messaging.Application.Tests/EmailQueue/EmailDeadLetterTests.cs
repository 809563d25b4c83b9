using System.Text.Json.Nodes;
using Messaging.Dtos;
using Messaging.EmailQueue.Admin;
using Messaging.EmailQueue.Inbound;
using Messaging.EntityFrameworkCore;
using Messaging.ExceptionHandling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.EmailQueue;

/// <summary>Dead letters replayed by filter at a paced rate, corrected, purged, trimmed by retention and cap, and audited.</summary>
public class EmailDeadLetterTests
{
    private static readonly DateTime Now = DateTime.UtcNow;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task AReplayByFilter_QueuesWhatMatches_OldestFirst_WithDueTimesSpacedByTheRate(DatabaseProvider provider)
    {
        await using var harness = await EmailQueueHarness.StartAsync(provider);
        var tenant = Guid.NewGuid();
        var other = Guid.NewGuid();
        // More than two batches, so the pacing has to carry on across them.
        var matching = await InsertDeadLettersAsync(harness, tenant, DeadLetterReplay.BatchSize * 2 + 3, "5.1.1");
        var otherCode = await InsertDeadLettersAsync(harness, tenant, 2, "5.7.1");
        var othersTenant = await InsertDeadLettersAsync(harness, other, 2, "5.1.1");

        var tooFast = await Should.ThrowAsync<InputValidationException>(() => ReplayMatchingAsync(harness, tenant,
            new ReplayMatchingEmailDeadLettersDto { Code = "5.1.1", RatePerSecond = 101 }));
        var result = await ReplayMatchingAsync(harness, tenant, new ReplayMatchingEmailDeadLettersDto { Code = "5.1.1", RatePerSecond = 4 });

        tooFast.Errors.Keys.ShouldBe(["ratePerSecond"]);
        result.Replayed.ShouldBe(matching.Count);
        var stored = (await harness.StoredEventsAsync()).ToDictionary(e => e.Id);
        var replayed = matching.Select(id => stored[id]).ToList();
        replayed.ShouldAllBe(e => e.Status == EmailEventStatus.Queued && e.SpentAttempts == 0 && e.CompletedAt == null);
        // Inserted oldest first: the due times follow that order, a quarter of a second apart.
        var dueTimes = replayed.Select(e => e.DueAt).ToList();
        dueTimes.Zip(dueTimes.Skip(1), (a, b) => b - a).ShouldAllBe(gap => gap == TimeSpan.FromMilliseconds(250));
        dueTimes[0].ShouldBeInRange(DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow);
        result.LastDueAt.ShouldBe(dueTimes[^1]);
        (dueTimes[^1] - dueTimes[0]).ShouldBe(TimeSpan.FromMilliseconds(250) * (matching.Count - 1));
        otherCode.Concat(othersTenant).ShouldAllBe(id => stored[id].Status == EmailEventStatus.DeadLettered);

        var audit = await AuditAsync(harness, tenant);
        var entry = audit.Items.Single();
        (entry.Action, entry.Count, entry.ChangedByName, entry.EmailEventId).ShouldBe(("Replayed", matching.Count, "tests", (Guid?)null));
        var request = JsonNode.Parse(entry.Request!)!;
        request["filter"]!["code"]!.GetValue<string>().ShouldBe("5.1.1");
        request["ratePerSecond"]!.GetValue<double>().ShouldBe(4);
        (await AuditAsync(harness, other)).TotalCount.ShouldBe(0);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ACorrectedReplay_IsValidatedAsOnPublishing_AndChangesNothingUntilValid(DatabaseProvider provider)
    {
        await using var harness = await EmailQueueHarness.StartAsync(provider);
        var tenant = Guid.NewGuid();
        var id = (await InsertDeadLettersAsync(harness, tenant, 1, "5.1.1")).Single();

        var badPayload = await Should.ThrowAsync<InputValidationException>(() => ReplayAsync(harness, tenant, id,
            new ReplayEmailDeadLetterDto(null, new JsonObject { ["to"] = "nobody", ["name"] = "" })));
        var wrongKind = await Should.ThrowAsync<InputValidationException>(() => ReplayAsync(harness, tenant, id,
            new ReplayEmailDeadLetterDto(null, new JsonObject { ["to"] = "ada@example.com", ["name"] = 5 })));
        var badRecipient = await Should.ThrowAsync<InputValidationException>(() => ReplayAsync(harness, tenant, id,
            new ReplayEmailDeadLetterDto("not an address", null)));
        await Should.ThrowAsync<EntityNotFoundException>(() => ReplayAsync(harness, Guid.NewGuid(), id, new ReplayEmailDeadLetterDto("fixed@example.com", null)));

        badPayload.Errors.Keys.ShouldBe(["payload.to", "payload.name"], ignoreOrder: true);
        wrongKind.Errors.Keys.ShouldBe(["payload.name"]);
        badRecipient.Errors.Keys.ShouldBe(["recipient"]);
        var untouched = (await harness.StoredEventsAsync()).Single();
        (untouched.Status, untouched.Recipient).ShouldBe((EmailEventStatus.DeadLettered, "user0@example.com"));
        (await AuditAsync(harness, tenant)).TotalCount.ShouldBe(0);

        var replayed = await ReplayAsync(harness, tenant, id, new ReplayEmailDeadLetterDto("fixed@example.com",
            new JsonObject { ["to"] = "ignored@example.com", ["name"] = "Grace" }));
        await harness.DeliverAsync();

        (replayed.Status, replayed.Recipient).ShouldBe((EmailEventStatus.Queued, "fixed@example.com"));
        (await harness.GetAsync(tenant, id)).Status.ShouldBe(EmailEventStatus.Sent);
        var eml = await File.ReadAllTextAsync(Path.Combine(harness.PickupFolder, $"{id:N}.eml"));
        eml.ShouldContain("To: fixed@example.com");
        eml.ShouldContain("Grace");
        var entry = (await AuditAsync(harness, tenant)).Items.Single();
        (entry.Action, entry.EmailEventId, entry.Count).ShouldBe(("Replayed", (Guid?)id, 1));
        JsonNode.Parse(entry.Request!)!["recipient"]!.GetValue<string>().ShouldBe("fixed@example.com");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task APurge_DeletesOnlyTheTenantsMatchingDeadLetters_WithTheirAttempts(DatabaseProvider provider)
    {
        await using var harness = await EmailQueueHarness.StartAsync(provider);
        var tenant = Guid.NewGuid();
        var other = Guid.NewGuid();
        var unknownMailbox = await InsertDeadLettersAsync(harness, tenant, 3, "5.1.1");
        var refused = await InsertDeadLettersAsync(harness, tenant, 2, "5.7.1");
        var othersDeadLetters = await InsertDeadLettersAsync(harness, other, 2, "5.1.1");

        var byFilter = await AsDeadLettersAsync(harness, tenant, d => d.PurgeMatchingAsync(new EmailDeadLetterFilterDto { Code = "5.1.1" }));
        var byIds = await AsDeadLettersAsync(harness, tenant, d => d.PurgeAsync(new PurgeEmailDeadLettersDto([refused[0], othersDeadLetters[0], Guid.NewGuid()])));
        var noIds = await Should.ThrowAsync<InputValidationException>(() => AsDeadLettersAsync(harness, tenant, d => d.PurgeAsync(new PurgeEmailDeadLettersDto([]))));

        (byFilter.Purged, byIds.Purged).ShouldBe((3, 1));
        noIds.Errors.Keys.ShouldBe(["ids"]);
        (await harness.StoredEventsAsync()).Select(e => e.Id).ShouldBe([refused[1], .. othersDeadLetters], ignoreOrder: true);
        var attemptsLeft = await harness.Inner.InScopeAsync(services => services.GetRequiredService<MessagingDbContext>().Set<EmailAttempt>()
            .IgnoreQueryFilters().Select(a => a.EmailEventId).ToListAsync());
        attemptsLeft.ShouldBe([refused[1], .. othersDeadLetters], ignoreOrder: true);

        var audit = await AuditAsync(harness, tenant);
        audit.Items.Select(a => (a.Action, a.Count)).ShouldBe([("Purged", 1), ("Purged", 3)]);
        // The audit is the module's one record of admin changes; the rules' view shows none of it.
        (await harness.AsTenantAsync<PagedResultDto<EmailRuleAuditDto>, IEmailRuleAppService>(tenant,
            rules => rules.GetAuditAsync(new GetEmailRuleAuditInput()))).TotalCount.ShouldBe(0);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task TheRetentionJob_DeletesDeadLettersPastRetention_AndEachTenantsOldestBeyondTheCap(DatabaseProvider provider)
    {
        await using var harness = await EmailQueueHarness.StartAsync(provider, new Dictionary<string, string?>
        {
            ["EmailQueue:DeadLetterRetention"] = "1.00:00:00",
            ["EmailQueue:DeadLetterCap"] = "3"
        });
        var crowded = Guid.NewGuid();
        var modest = Guid.NewGuid();
        var crowdedRecent = await InsertDeadLettersAsync(harness, crowded, 5, "5.1.1", Now.AddHours(-5));
        await InsertDeadLettersAsync(harness, crowded, 1, "5.1.1", Now.AddDays(-2));
        var modestRecent = await InsertDeadLettersAsync(harness, modest, 2, "5.1.1", Now.AddHours(-1));
        await InsertDeadLettersAsync(harness, modest, 1, "5.1.1", Now.AddDays(-3));

        await harness.Inner.RunJobAsync<ExpireDeadLettersJob>(job => job.ExecuteAsync(new ExpireDeadLettersArgs(), CancellationToken.None));

        // Inserted oldest first: the cap keeps the crowded tenant's three newest.
        (await harness.StoredEventsAsync()).Select(e => e.Id).ShouldBe([.. crowdedRecent.Skip(2), .. modestRecent], ignoreOrder: true);
    }

    /// <summary>Dead letters of the tenant, one millisecond apart from <paramref name="first"/> on, in insertion order.</summary>
    private static Task<List<Guid>> InsertDeadLettersAsync(EmailQueueHarness harness, Guid tenant, int count, string enhancedCode, DateTime? first = null) =>
        harness.Inner.InScopeAsync(async services =>
        {
            var start = first ?? Now.AddHours(-1);
            var events = Enumerable.Range(0, count).Select(i =>
            {
                var at = start.AddMilliseconds(i);
                var to = $"user{i}@example.com";
                var emailEvent = EmailEvent.Accept(tenant, EmailEventType.Welcome, to, EmailPayloadJson.Store(EmailSamples.Welcome(to)), null, "hash", at);
                emailEvent.MarkQueued(at);
                emailEvent.DeadLetter(new EmailAttempt(emailEvent.Id, tenant, 1, at, TimeSpan.FromMilliseconds(5), EmailErrorClass.Permanent, "550",
                    enhancedCode, $"{enhancedCode} refused"), at);
                return emailEvent;
            }).ToList();
            var db = services.GetRequiredService<MessagingDbContext>();
            db.AddRange(events);
            await db.SaveChangesAsync();
            return events.Select(e => e.Id).ToList();
        });

    private static Task<T> AsDeadLettersAsync<T>(EmailQueueHarness harness, Guid tenant, Func<IEmailDeadLetterAppService, Task<T>> work) =>
        harness.AsTenantAsync(tenant, work);

    private static Task<ReplayEmailEventsResultDto> ReplayMatchingAsync(EmailQueueHarness harness, Guid tenant, ReplayMatchingEmailDeadLettersDto input) =>
        AsDeadLettersAsync(harness, tenant, d => d.ReplayMatchingAsync(input));

    private static Task<EmailEventDto> ReplayAsync(EmailQueueHarness harness, Guid tenant, Guid id, ReplayEmailDeadLetterDto input) =>
        AsDeadLettersAsync(harness, tenant, d => d.ReplayAsync(id, input));

    private static Task<PagedResultDto<EmailDeadLetterAuditDto>> AuditAsync(EmailQueueHarness harness, Guid tenant) =>
        AsDeadLettersAsync(harness, tenant, d => d.GetAuditAsync(new GetEmailDeadLetterAuditInput()));
}
