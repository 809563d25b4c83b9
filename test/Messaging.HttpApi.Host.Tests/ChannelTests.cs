using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>The Channel module and the SSE hub through the real host: limits, resuming, tokens, the cron endpoint and shutdown.</summary>
public sealed class ChannelTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AClientAddressOverItsLimit_Gets429WithRetryAfter_BeforeAnyStream()
    {
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File, new Dictionary<string, string> { ["ServerSentEvents__MaxConnectionsPerClientAddress"] = "2" });
        using var client = host.Client(HostProcess.DemoTenantKey);
        var channel = await CreateChannelAsync(client);
        await using var first = await EventStream.OpenAsync(host, EventsPath(channel), HostProcess.DemoTenantKey);
        await using var second = await EventStream.OpenAsync(host, EventsPath(channel), HostProcess.DemoTenantKey);

        using var refused = await client.GetAsync(EventsPath(channel), HttpCompletionOption.ResponseHeadersRead);

        var problem = await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        problem["code"]!.GetValue<string>().ShouldBe("Messaging:ServerSentEvents:TooManyConnections");
        refused.Headers.RetryAfter!.Delta!.Value.ShouldBeGreaterThan(TimeSpan.Zero);
        using var admin = host.Client(HostProcess.HostAdminKey);
        var connections = await (await admin.GetAsync("api/app/channel/connections")).JsonAsync(HttpStatusCode.OK);
        connections["active"]!.GetValue<int>().ShouldBe(2);
        connections["connections"]!.AsArray().ShouldAllBe(c => c!["topic"]!.GetValue<string>() == $"channel:{channel:N}");
    }

    [Fact]
    public async Task AResumingSubscriber_GetsWhatItMissed_AndAGapEventWhenMoreWasMissedThanTheHistoryKeeps()
    {
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File, new Dictionary<string, string> { ["Channel__ReplayCount"] = "3" });
        await host.RaiseDemoTenantLimitsAsync();
        using var client = host.Client(HostProcess.DemoTenantKey);
        var channel = await CreateChannelAsync(client);
        for (var i = 1; i <= 6; i++)
        {
            await PostAsync(client, channel, $"message {i}");
        }

        await using var recent = await EventStream.OpenAsync(host, EventsPath(channel), HostProcess.DemoTenantKey, lastEventId: 4);
        await using var behind = await EventStream.OpenAsync(host, EventsPath(channel), HostProcess.DemoTenantKey, lastEventId: 1);
        await recent.WaitForAsync("id: 6\n", Patience);
        await behind.WaitForAsync("id: 6\n", Patience);
        await PostAsync(client, channel, "message 7");
        await recent.WaitForAsync("id: 7\n", Patience);

        recent.Ids().ShouldBe([5, 6, 7]);
        recent.Received.ShouldNotContain("event: gap");
        recent.Received.ShouldContain("\"content\":\"message 5\"");
        behind.Received.IndexOf("event: gap", StringComparison.Ordinal).ShouldBeLessThan(behind.Received.IndexOf("id: 4\n", StringComparison.Ordinal));
        behind.Received.ShouldContain("\"lastEventId\":1");
        behind.Ids().Take(3).ShouldBe([4, 5, 6]);
    }

    [Fact]
    public async Task ABrowsersToken_OpensItsOwnChannelOnly_AndAnotherTenantsChannelIsNotFound()
    {
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File);
        using var client = host.Client(HostProcess.DemoTenantKey);
        var channel = await CreateChannelAsync(client);
        var other = await CreateChannelAsync(client);
        using var issued = await client.PostAsync($"api/app/channel/{channel}/subscription-token", null);
        var token = (await issued.JsonAsync(HttpStatusCode.OK));
        var eventsUrl = token["eventsUrl"]!.GetValue<string>().TrimStart('/');

        await using var browser = await EventStream.OpenAsync(host, eventsUrl, apiKey: null);
        await PostAsync(client, channel, "to the browser");
        await browser.WaitForAsync("to the browser", Patience);

        using var anonymous = host.Client();
        var forOther = $"api/app/channel/{other}/events?access_token={Uri.EscapeDataString(token["token"]!.GetValue<string>())}";
        (await (await anonymous.GetAsync(forOther, HttpCompletionOption.ResponseHeadersRead)).ProblemAsync(HttpStatusCode.Unauthorized))["code"]!
            .GetValue<string>().ShouldBe("Messaging:Channel:SubscriptionRefused");
        await (await anonymous.GetAsync($"api/app/channel/{channel}/events?access_token=forged", HttpCompletionOption.ResponseHeadersRead))
            .ProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync($"api/app/channel/{channel}/events", HttpCompletionOption.ResponseHeadersRead)).ProblemAsync(HttpStatusCode.Unauthorized);

        using var hostAdmin = host.Client(HostProcess.HostAdminKey);
        var (_, otherTenantKey) = await hostAdmin.CreateTenantAsync();
        using var otherTenant = host.Client(otherTenantKey);
        await (await otherTenant.GetAsync(EventsPath(channel), HttpCompletionOption.ResponseHeadersRead)).ProblemAsync(HttpStatusCode.NotFound);
        await (await otherTenant.GetAsync($"api/app/channel/{channel}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheCronEndpoint_RunsTheCleanupOnlyWithTheSecret()
    {
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File);
        using var anonymous = host.Client();

        foreach (var authorization in new string?[] { null, "Bearer wrong", "Bearer " + HostProcess.CronSecret + "x", HostProcess.CronSecret })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/app/cron/cleanup-delayed-messages");
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            (await (await anonymous.SendAsync(request)).ProblemAsync(HttpStatusCode.Unauthorized))["code"]!.GetValue<string>()
                .ShouldBe("Messaging:Channel:CronSecretInvalid");
        }

        using var authorized = new HttpRequestMessage(HttpMethod.Post, "api/app/cron/cleanup-delayed-messages");
        authorized.Headers.TryAddWithoutValidation("Authorization", "Bearer " + HostProcess.CronSecret);
        var report = await (await anonymous.SendAsync(authorized)).JsonAsync(HttpStatusCode.OK);
        report["ran"]!.GetValue<bool>().ShouldBeTrue();
        report["deleted"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task ADelayedPost_IsStoredAt202_DeliveredLive_AndTheTenantsCapAnswers429WithItsCode()
    {
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File, new Dictionary<string, string>
        {
            ["Channel__DelayedMessages__MaxWaitingPerTenant"] = "2",
            ["Channel__DelayedMessages__PollInterval"] = "00:00:00.200"
        });
        using var client = host.Client(HostProcess.DemoTenantKey);
        var channel = await CreateChannelAsync(client);
        await using var subscriber = await EventStream.OpenAsync(host, EventsPath(channel), HostProcess.DemoTenantKey);

        var soon = await PostAsync(client, channel, "soon", DateTime.UtcNow.AddSeconds(1), HttpStatusCode.Accepted);
        await PostAsync(client, channel, "tomorrow", DateTime.UtcNow.AddDays(1), HttpStatusCode.Accepted);
        using var full = await client.PostAsJsonAsync($"api/app/channel/{channel}/message", new { content = "one too many", deliverAt = DateTime.UtcNow.AddDays(1) });
        var problem = await full.ProblemAsync(HttpStatusCode.TooManyRequests);
        problem["code"]!.GetValue<string>().ShouldBe("Messaging:Channel:DelayedQueueFull");
        full.Headers.RetryAfter!.Delta!.Value.ShouldBeGreaterThan(TimeSpan.Zero);

        await subscriber.WaitForAsync("\"content\":\"soon\"", Patience);
        var delivered = await (await client.GetAsync($"api/app/channel/{channel}/delayed-message/{soon["delayedMessage"]!["id"]}")).JsonAsync(HttpStatusCode.OK);
        delivered["status"]!.GetValue<string>().ShouldBe("Delivered");
        delivered["sequence"]!.GetValue<long>().ShouldBe(1);
        await PostAsync(client, channel, "room again", DateTime.UtcNow.AddDays(1), HttpStatusCode.Accepted);
        (await (await client.GetAsync($"api/app/channel/{channel}/message")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task OnSigterm_EverySubscriberGetsACloseEventWithARetry_AndTheHostExits()
    {
        using var database = new TestDatabase();
        var host = await HostProcess.StartAsync(database.File);
        try
        {
            using var client = host.Client(HostProcess.DemoTenantKey);
            var channel = await CreateChannelAsync(client);
            var subscribers = new List<EventStream>();
            for (var i = 0; i < 3; i++)
            {
                subscribers.Add(await EventStream.OpenAsync(host, EventsPath(channel), HostProcess.DemoTenantKey));
            }

            host.Terminate();

            foreach (var subscriber in subscribers)
            {
                await subscriber.WaitForAsync("event: close\nretry: ", Patience);
                await Eventually.TrueAsync(() => Task.FromResult(subscriber.Ended), Patience, "the host ended the stream");
                await subscriber.DisposeAsync();
            }

            (await host.WaitForExitAsync(Patience)).ShouldBe(0);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    public static string EventsPath(Guid channel) => $"api/app/channel/{channel}/events";

    public static async Task<Guid> CreateChannelAsync(HttpClient client)
    {
        using var created = await client.PostAsJsonAsync("api/app/channel", new { name = "orders " + Guid.NewGuid().ToString("N")[..6], tags = new[] { "shop" } });
        return (await created.JsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
    }

    public static async Task<JsonObject> PostAsync(HttpClient client, Guid channel, string content, DateTime? deliverAt = null,
        HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var posted = await client.PostAsJsonAsync($"api/app/channel/{channel}/message", new { content, deliverAt });
        return await posted.JsonAsync(expected);
    }
}
