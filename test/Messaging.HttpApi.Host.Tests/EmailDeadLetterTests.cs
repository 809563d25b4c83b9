using System.Net;
using System.Net.Http.Json;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>Dead letters through the host: paced replay by filter, corrected replay, purge, each scoped to its tenant and audited.</summary>
[Collection(SharedHostCollection.Name)]
public class EmailDeadLetterTests(SharedHost shared)
{
    private readonly HostProcess _host = shared.Host;

    [Fact]
    public async Task AReplayByFilter_IsPacedAtTheChosenRate_AndTouchesNoOtherTenant()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);
        var (tenantId, key) = await admin.CreateTenantAsync();
        var (otherId, otherKey) = await admin.CreateTenantAsync();
        using var tenant = _host.Client(key);
        using var other = _host.Client(otherKey);
        for (var i = 0; i < 3; i++)
        {
            await shared.Database.InsertUnknownMailboxDeadLetterAsync(tenantId, $"gone{i}@example.com");
        }

        var othersDeadLetter = await shared.Database.InsertUnknownMailboxDeadLetterAsync(otherId, "gone@example.com");

        using var tooFast = await tenant.PostAsJsonAsync("api/app/email-event/dead-letters/replay-matching", new { code = "5.1.1", ratePerSecond = 1_000 });
        using var notARate = await tenant.PostAsJsonAsync("api/app/email-event/dead-letters/replay-matching", new { ratePerSecond = "fast" });
        var before = DateTime.UtcNow.AddSeconds(-1);
        using var replayed = await tenant.PostAsJsonAsync("api/app/email-event/dead-letters/replay-matching", new { code = "5.1.1", ratePerSecond = 2 });
        using var othersById = await tenant.PostAsync($"api/app/email-event/dead-letters/{othersDeadLetter}/replay", null);
        using var othersList = await other.GetAsync("api/app/email-event/dead-letters");
        using var audit = await tenant.GetAsync("api/app/email-event/dead-letters/audit");
        using var othersAudit = await other.GetAsync("api/app/email-event/dead-letters/audit");
        using var badPage = await tenant.GetAsync("api/app/email-event/dead-letters/audit?maxResultCount=0");

        (await tooFast.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["ratePerSecond"]);
        await notARate.ProblemAsync(HttpStatusCode.BadRequest);
        var result = await replayed.JsonAsync(HttpStatusCode.OK);
        result["replayed"]!.GetValue<int>().ShouldBe(3);
        // Three at two a second: the last is due a second after the first.
        result["lastDueAt"]!.GetValue<DateTime>().ToUniversalTime().ShouldBeInRange(before.AddSeconds(1), DateTime.UtcNow.AddSeconds(2));
        await othersById.ProblemAsync(HttpStatusCode.NotFound);
        (await othersList.JsonAsync(HttpStatusCode.OK))["items"]!.AsArray().Single()!["id"]!.GetValue<Guid>().ShouldBe(othersDeadLetter);
        var entry = (await audit.JsonAsync(HttpStatusCode.OK))["items"]!.AsArray().Single()!;
        (entry["action"]!.GetValue<string>(), entry["count"]!.GetValue<int>()).ShouldBe(("Replayed", 3));
        entry["changedByName"].ShouldNotBeNull();
        (await othersAudit.JsonAsync(HttpStatusCode.OK))["totalCount"]!.GetValue<int>().ShouldBe(0);
        (await badPage.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["maxResultCount"]);
    }

    [Fact]
    public async Task ACorrectedReplay_Answers400NamingFields_AndAPurgeIgnoresAnotherTenantsIds()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);
        var (tenantId, key) = await admin.CreateTenantAsync();
        var (otherId, otherKey) = await admin.CreateTenantAsync();
        using var tenant = _host.Client(key);
        using var other = _host.Client(otherKey);
        var deadLetter = await shared.Database.InsertUnknownMailboxDeadLetterAsync(tenantId, "gone@example.com");
        var purgeable = await shared.Database.InsertUnknownMailboxDeadLetterAsync(tenantId, "also-gone@example.com");
        var othersDeadLetter = await shared.Database.InsertUnknownMailboxDeadLetterAsync(otherId, "gone@example.com");
        var replay = $"api/app/email-event/dead-letters/{deadLetter}/replay";

        using var badPayload = await tenant.PostAsJsonAsync(replay, new { payload = new { to = "nobody", name = "" } });
        using var badRecipient = await tenant.PostAsJsonAsync(replay, new { recipient = "nobody" });
        using var unchanged = await tenant.GetAsync($"api/app/email-event/{deadLetter}");
        using var corrected = await tenant.PostAsJsonAsync(replay, new { recipient = "found@example.com" });
        using var noIds = await tenant.PostAsJsonAsync("api/app/email-event/dead-letters/purge", new { ids = Array.Empty<Guid>() });
        using var purged = await tenant.PostAsJsonAsync("api/app/email-event/dead-letters/purge", new { ids = new[] { purgeable, othersDeadLetter } });
        using var othersPurge = await other.PostAsJsonAsync("api/app/email-event/dead-letters/purge-matching", new { code = "5.1.1" });
        using var purgedAgain = await tenant.PostAsJsonAsync("api/app/email-event/dead-letters/purge-matching", new { });

        (await badPayload.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key)
            .ShouldBe(["payload.to", "payload.name"], ignoreOrder: true);
        (await badRecipient.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["recipient"]);
        var before = await unchanged.JsonAsync(HttpStatusCode.OK);
        (before["status"]!.GetValue<string>(), before["recipient"]!.GetValue<string>()).ShouldBe(("DeadLettered", "gone@example.com"));
        (await corrected.JsonAsync(HttpStatusCode.OK))["recipient"]!.GetValue<string>().ShouldBe("found@example.com");
        await EmailEventTests.StatusWhenAsync(tenant, deadLetter, "Sent");
        (await noIds.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["ids"]);
        (await purged.JsonAsync(HttpStatusCode.OK))["purged"]!.GetValue<int>().ShouldBe(1);
        (await othersPurge.JsonAsync(HttpStatusCode.OK))["purged"]!.GetValue<int>().ShouldBe(1);
        (await purgedAgain.JsonAsync(HttpStatusCode.OK))["purged"]!.GetValue<int>().ShouldBe(0);
        using var gone = await tenant.GetAsync($"api/app/email-event/{purgeable}");
        await gone.ProblemAsync(HttpStatusCode.NotFound);
        using var audit = await tenant.GetAsync("api/app/email-event/dead-letters/audit");
        (await audit.JsonAsync(HttpStatusCode.OK))["items"]!.AsArray().Select(a => (a!["action"]!.GetValue<string>(), a["count"]!.GetValue<int>()))
            .ShouldBe([("Purged", 0), ("Purged", 1), ("Replayed", 1)]);
    }
}
