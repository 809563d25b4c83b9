using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>POST /api/app/message/send-many through the real host: per-item results, validation, idempotency.</summary>
[Collection(SharedHostCollection.Name)]
public class SendManyTests(SharedHost shared)
{
    private readonly HostProcess _host = shared.Host;

    [Fact]
    public async Task Answers200_WithEachItemsTrackingIdOrFieldErrors_InRequestOrder_AndOnlyTheTenantSeesThem()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);
        var (_, key) = await admin.CreateTenantAsync();
        var (_, otherKey) = await admin.CreateTenantAsync();
        using var tenant = _host.Client(key);
        using var other = _host.Client(otherKey);

        using var response = await tenant.SendManyAsync(
            Api.Sms("first"),
            new { recipient = "not a number", channel = "Sms" },
            null,
            new { recipient = "someone@example.com", channel = "Email", content = "hello", priority = "High", metadata = new { orderId = "42" } },
            Api.Sms("last"));

        var result = await response.JsonAsync(HttpStatusCode.OK);
        result["accepted"]!.GetValue<int>().ShouldBe(3);
        result["rejected"]!.GetValue<int>().ShouldBe(2);
        var items = result["items"]!.AsArray();
        items.Select(item => item!["index"]!.GetValue<int>()).ShouldBe([0, 1, 2, 3, 4]);
        var invalid = items[1]!["problem"]!;
        invalid["status"]!.GetValue<int>().ShouldBe(400);
        invalid["code"]!.GetValue<string>().ShouldBe("Messaging:ValidationFailed");
        invalid["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["recipient", "content"], ignoreOrder: true);
        items[1]!["trackingId"].ShouldBeNull();
        items[2]!["problem"]!["errors"]!["message"].ShouldNotBeNull();
        foreach (var (index, channel) in new[] { (0, "Sms"), (3, "Email"), (4, "Sms") })
        {
            items[index]!["problem"].ShouldBeNull();
            items[index]!["status"]!.GetValue<string>().ShouldBe("Accepted");
            var trackingId = items[index]!["trackingId"]!.GetValue<Guid>();
            using var status = await tenant.GetAsync($"api/app/message/{trackingId}/status");
            (await status.JsonAsync(HttpStatusCode.OK))["channel"]!.GetValue<string>().ShouldBe(channel);
            using var fromOther = await other.GetAsync($"api/app/message/{trackingId}/status");
            await fromOther.ProblemAsync(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task EveryItemInvalid_StillAnswers200_WithEveryProblem_AndStoresNothing()
    {
        using var tenant = _host.Client(HostProcess.DemoTenantKey);
        var before = (await shared.Database.StoredMessageIdsAsync()).Count;

        using var response = await tenant.SendManyAsync(new { channel = "Sms", content = "no recipient" }, new { recipient = "+14155550123" });

        var result = await response.JsonAsync(HttpStatusCode.OK);
        result["accepted"]!.GetValue<int>().ShouldBe(0);
        result["items"]!.AsArray().ShouldAllBe(item => item!["problem"]!["status"]!.GetValue<int>() == 400);
        (await shared.Database.StoredMessageIdsAsync()).Count.ShouldBe(before);
    }

    [Fact]
    public async Task MalformedOrOversizedRequests_AreRefusedWhole()
    {
        using var tenant = _host.Client(HostProcess.DemoTenantKey);

        using var empty = await tenant.PostAsJsonAsync(Api.SendManyPath, new { messages = Array.Empty<object>() });
        using var missing = await tenant.PostAsJsonAsync(Api.SendManyPath, new { });
        using var tooMany = await tenant.PostAsJsonAsync(Api.SendManyPath, new { messages = Enumerable.Range(0, 1_001).Select(i => Api.Sms($"m{i}")).ToArray() });
        using var notJson = await tenant.PostAsync(Api.SendManyPath, new StringContent("{\"messages\": [", Encoding.UTF8, "application/json"));
        using var badKey = await tenant.SendManyAsync("key with spaces", Api.Sms());
        using var unknownChannel = await tenant.SendManyAsync(Api.Sms(), new { recipient = "+14155550123", channel = "Fax", content = "hi" });
        // Expect: 100-continue, so the refusal is read before a body the server will not take is sent.
        using var oversized = new HttpRequestMessage(HttpMethod.Post, Api.SendManyPath)
        {
            Content = new StringContent($"{{\"messages\":[{{\"content\":\"{new string('x', 9 * 1024 * 1024)}\"}}]}}", Encoding.UTF8, "application/json"),
            Headers = { ExpectContinue = true }
        };
        using var huge = await tenant.SendAsync(oversized);

        (await empty.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["messages"].ShouldNotBeNull();
        (await missing.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["messages"].ShouldNotBeNull();
        (await tooMany.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["messages"]![0]!.GetValue<string>().ShouldContain("1000");
        await notJson.ProblemAsync(HttpStatusCode.BadRequest);
        (await badKey.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["Idempotency-Key"].ShouldNotBeNull();
        (await unknownChannel.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["messages[1].channel"].ShouldNotBeNull();
        await huge.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Retry_WithTheSameKeyAndBody_ReturnsTheSameTrackingIds_AndStoresNothingTwice()
    {
        using var tenant = _host.Client(HostProcess.DemoTenantKey);
        var key = "batch-" + Guid.NewGuid();
        object[] body = [Api.Sms("one"), new { channel = "Sms" }, Api.Sms("two")];

        using var first = await tenant.SendManyAsync(key, body);
        using var retry = await tenant.SendManyAsync(key, body);

        var firstItems = (await first.JsonAsync(HttpStatusCode.OK))["items"]!.ToJsonString();
        var retryItems = (await retry.JsonAsync(HttpStatusCode.OK))["items"]!.ToJsonString();
        retryItems.ShouldBe(firstItems);
        var ids = JsonNode.Parse(firstItems)!.AsArray().Where(item => item!["trackingId"] is not null).Select(item => item!["trackingId"]!.GetValue<Guid>()).ToList();
        ids.Count.ShouldBe(2);
        var stored = await shared.Database.StoredMessageIdsAsync();
        ids.ShouldAllBe(id => stored.Count(s => s == id) == 1);
    }

    [Fact]
    public async Task TheSameKey_WithAnotherBody_Answers422_AndStoresNothing()
    {
        using var tenant = _host.Client(HostProcess.DemoTenantKey);
        var key = "batch-" + Guid.NewGuid();
        using var original = await tenant.SendManyAsync(key, Api.Sms("one"), Api.Sms("two"));
        original.StatusCode.ShouldBe(HttpStatusCode.OK);
        var before = (await shared.Database.StoredMessageIdsAsync()).Count;

        using var longer = await tenant.SendManyAsync(key, Api.Sms("one"), Api.Sms("two"), Api.Sms("three"));
        using var changed = await tenant.SendManyAsync(key, Api.Sms("one"), Api.Sms("changed"));

        (await longer.ProblemAsync(HttpStatusCode.UnprocessableEntity))["code"]!.GetValue<string>().ShouldBe("Messaging:IdempotencyKeyReused");
        (await changed.ProblemAsync(HttpStatusCode.UnprocessableEntity))["code"]!.GetValue<string>().ShouldBe("Messaging:IdempotencyKeyReused");
        (await shared.Database.StoredMessageIdsAsync()).Count.ShouldBe(before);
    }

    /// <summary>
    /// On a host of its own: the thousand messages' events (acceptance, hand-over to the email queue, its sends and
    /// their ends) would keep the shared host's outbox and database busy for the tests after this one.
    /// </summary>
    [Fact]
    public async Task AThousandMessages_AreAcceptedInOneRequest()
    {
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File);
        await host.RaiseDemoTenantLimitsAsync();
        using var tenant = host.Client(HostProcess.DemoTenantKey);

        using var response = await tenant.SendManyAsync(Enumerable.Range(0, 1_000)
            .Select(i => (object)new { recipient = "someone@example.com", channel = "Email", content = $"bulk {i}" }).ToArray());

        var result = await response.JsonAsync(HttpStatusCode.OK);
        result["accepted"]!.GetValue<int>().ShouldBe(1_000);
        var ids = result["items"]!.AsArray().Select(item => item!["trackingId"]!.GetValue<Guid>()).ToList();
        ids.Distinct().Count().ShouldBe(1_000);
        await Eventually.TrueAsync(async () =>
        {
            using var status = await tenant.GetAsync($"api/app/message/{ids[^1]}/status");
            return (await status.JsonAsync(HttpStatusCode.OK))["status"]!.GetValue<string>() != "Accepted";
        }, TimeSpan.FromSeconds(120), "the batch's acceptance events are handled");
    }
}
