using System.Net;
using System.Net.Http.Json;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>Inbound email webhooks through the host: signatures, the replay window, repeated ids, rules, and phase 2's counts.</summary>
[Collection(SharedHostCollection.Name)]
public class EmailWebhookTests(SharedHost shared)
{
    private readonly HostProcess _host = shared.Host;

    [Fact]
    public async Task ASignedWebhook_IsAnsweredByTheFirstMatchingRule_AndPhase2CountsIt()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);
        var (_, key) = await admin.CreateTenantAsync();
        using var tenant = _host.Client(key);
        using var worker = _host.Client();
        var (workerId, secret) = await tenant.CreateWorkerAsync();
        var deletes = await tenant.CreateRuleAsync(new { name = "prizes", field = "Subject", matchType = "Regex", pattern = "^win", action = "Delete", order = 1 });
        await tenant.CreateRuleAsync(new { name = "later", field = "Subject", matchType = "Contains", pattern = "prize", action = "Drop", order = 2 });
        var watch = await tenant.CreateRuleAsync(new { kind = "Watch", name = "campaign", field = "Header", headerName = "X-Campaign", matchType = "Exact", pattern = "spring" });

        var deleted = await worker.AnswerAsync(workerId, secret, InboundWebhooks.Email("WIN a prize"));
        var forwarded = await worker.AnswerAsync(workerId, secret, InboundWebhooks.Email("Lunch?"));

        deleted.Text("action").ShouldBe("Delete");
        deleted["ruleId"]!.GetValue<Guid>().ShouldBe(deletes);
        forwarded.Text("action").ShouldBe("Forward");
        forwarded["ruleId"].ShouldBeNull();
        await Eventually.TrueAsync(async () => (await tenant.StatsAsync()).Number("deleted") == 1 && (await tenant.StatsAsync()).Number("forwarded") == 1,
            TimeSpan.FromSeconds(20), "phase 2 counted both emails");
        using var rule = await tenant.GetAsync($"api/app/email-rule/{deletes}");
        (await rule.JsonAsync(HttpStatusCode.OK)).Number("deletedCount").ShouldBe(1);
        using var watched = await tenant.GetAsync($"api/app/email-rule/{watch}");
        (await watched.JsonAsync(HttpStatusCode.OK)).Number("hitCount").ShouldBe(2);
        var metrics = await _host.Client().GetStringAsync("metrics");
        metrics.ShouldContain("messaging_emailqueue_inbound_phase1_duration");
        metrics.ShouldContain("messaging_emailqueue_inbound_batch_duration");
    }

    [Fact]
    public async Task AWebhookThatDoesNotVerify_Answers401_AndAnUnknownWorker404()
    {
        using var tenant = _host.Client(HostProcess.DemoTenantKey);
        using var worker = _host.Client();
        var (workerId, secret) = await tenant.CreateWorkerAsync();
        var (_, otherSecret) = await tenant.CreateWorkerAsync();

        using var wrongSecret = await worker.PostWebhookAsync(workerId, otherSecret, InboundWebhooks.Email("hi"));
        using var stale = await worker.PostWebhookAsync(workerId, secret, InboundWebhooks.Email("hi"), signedAt: DateTimeOffset.UtcNow.AddMinutes(-6));
        using var early = await worker.PostWebhookAsync(workerId, secret, InboundWebhooks.Email("hi"), signedAt: DateTimeOffset.UtcNow.AddMinutes(6));
        using var unsigned = await worker.PostAsJsonAsync($"api/app/email-webhook/{workerId}", InboundWebhooks.Email("hi"));
        using var unknown = await worker.PostWebhookAsync(Guid.NewGuid(), secret, InboundWebhooks.Email("hi"));
        using var notAnEmail = await worker.PostWebhookAsync(workerId, secret, new { subject = "no addresses" });

        foreach (var refused in new[] { wrongSecret, stale, early, unsigned })
        {
            (await refused.ProblemAsync(HttpStatusCode.Unauthorized))["code"]!.GetValue<string>().ShouldBe("Messaging:WebhookSignatureInvalid");
        }

        await unknown.ProblemAsync(HttpStatusCode.NotFound);
        (await notAnEmail.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["from", "to"], ignoreOrder: true);
    }

    [Fact]
    public async Task ARepeatedWebhookId_GetsTheFirstAnswer_AndIsCountedOnce()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);
        var (_, key) = await admin.CreateTenantAsync();
        using var tenant = _host.Client(key);
        using var worker = _host.Client();
        var (workerId, secret) = await tenant.CreateWorkerAsync();
        var rule = await tenant.CreateRuleAsync(new { name = "spam", field = "Subject", matchType = "Exact", pattern = "spam", action = "Delete" });

        var first = await worker.AnswerAsync(workerId, secret, InboundWebhooks.Email("spam"), "msg_repeated");
        using (var update = await tenant.PutAsJsonAsync($"api/app/email-rule/{rule}",
                   new { name = "spam", field = "Subject", matchType = "Exact", pattern = "spam", action = "Tag", target = "junk" }))
        {
            update.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var again = await worker.AnswerAsync(workerId, secret, InboundWebhooks.Email("spam"), "msg_repeated");
        var fresh = await worker.AnswerAsync(workerId, secret, InboundWebhooks.Email("spam"));

        again.ToJsonString().ShouldBe(first.ToJsonString());
        fresh.Text("action").ShouldBe("Tag");
        fresh.Text("target").ShouldBe("junk");
        await Eventually.TrueAsync(async () => (await tenant.StatsAsync()).Number("tagged") == 1, TimeSpan.FromSeconds(20), "phase 2 counted the new email");
        (await tenant.StatsAsync()).Number("deleted").ShouldBe(1);
    }

    [Fact]
    public async Task Rules_AreValidated_Audited_AndScopedToTheirTenant()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);
        var (_, key) = await admin.CreateTenantAsync();
        var (_, otherKey) = await admin.CreateTenantAsync();
        using var tenant = _host.Client(key);
        using var other = _host.Client(otherKey);
        var rule = await tenant.CreateRuleAsync(new { name = "spam", field = "Sender", matchType = "Glob", pattern = "*@spam.example", action = "Drop" });

        using var badRegex = await tenant.PostAsJsonAsync("api/app/email-rule", new { name = "x", field = "Subject", matchType = "Regex", pattern = "([a-z]", action = "Drop" });
        using var missing = await tenant.PostAsJsonAsync("api/app/email-rule", new { name = "", matchType = "Exact" });
        using var othersRule = await other.GetAsync($"api/app/email-rule/{rule}");
        using var othersDelete = await other.DeleteAsync($"api/app/email-rule/{rule}");
        using var deleted = await tenant.DeleteAsync($"api/app/email-rule/{rule}");
        using var audit = await tenant.GetAsync("api/app/email-rule/audit");

        (await badRegex.ProblemAsync(HttpStatusCode.UnprocessableEntity))["code"]!.GetValue<string>().ShouldBe("Messaging:InvalidRulePattern");
        (await missing.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key)
            .ShouldBe(["name", "field", "pattern", "action"], ignoreOrder: true);
        await othersRule.ProblemAsync(HttpStatusCode.NotFound);
        await othersDelete.ProblemAsync(HttpStatusCode.NotFound);
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var changes = (await audit.JsonAsync(HttpStatusCode.OK))["items"]!.AsArray();
        changes.Select(c => c!["change"]!.GetValue<string>()).ShouldBe(["Deleted", "Created"]);
        changes[1]!["changedByName"].ShouldNotBeNull();
    }

    [Fact]
    public async Task TheQueueStatusAndCacheStats_AreTheHostAdminsView()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);
        using var tenant = _host.Client(HostProcess.DemoTenantKey);

        using var status = await admin.GetAsync("api/app/email-webhook/async-queue/status");
        using var cache = await admin.GetAsync("api/app/email-rule/cache/stats");
        using var asTenant = await tenant.GetAsync("api/app/email-webhook/async-queue/status");

        var queue = await status.JsonAsync(HttpStatusCode.OK);
        queue.Text("mode").ShouldBe("Batched");
        queue.ContainsKey("dropped").ShouldBeTrue();
        (await cache.JsonAsync(HttpStatusCode.OK)).ContainsKey("hitRate").ShouldBeTrue();
        asTenant.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
