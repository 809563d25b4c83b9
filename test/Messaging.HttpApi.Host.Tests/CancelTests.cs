using System.Net;
using System.Text.Json.Nodes;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>POST /api/app/message/{trackingId}/cancel through the real host.</summary>
[Collection(SharedHostCollection.Name)]
public class CancelTests(SharedHost shared)
{
    private readonly HostProcess _host = shared.Host;

    [Fact]
    public async Task QueuedMessage_IsCancelled_TheStatusShowsIt_AndCancellingAgainAnswersTheSame()
    {
        // Without a fallback provider, a tenant that configured none has its messages wait in Queued.
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File, new Dictionary<string, string> { ["Delivery__FallbackProvider"] = "" });
        await host.RaiseDemoTenantLimitsAsync();
        using var tenant = host.Client(HostProcess.DemoTenantKey);
        var trackingId = await tenant.SendAcceptedAsync(Api.Sms("never mind"));
        await WaitForStatusAsync(tenant, trackingId, "Queued");

        using var cancelled = await tenant.PostAsync($"api/app/message/{trackingId}/cancel", null);
        using var again = await tenant.PostAsync($"api/app/message/{trackingId}/cancel", null);
        using var status = await tenant.GetAsync($"api/app/message/{trackingId}/status");

        var answer = await cancelled.JsonAsync(HttpStatusCode.OK);
        answer["status"]!.GetValue<string>().ShouldBe("Cancelled");
        Statuses(answer).ShouldBe(["Accepted", "Queued", "Cancelled"]);
        var repeated = await again.JsonAsync(HttpStatusCode.OK);
        Statuses(repeated).ShouldBe(["Accepted", "Queued", "Cancelled"]);
        var read = await status.JsonAsync(HttpStatusCode.OK);
        read["status"]!.GetValue<string>().ShouldBe("Cancelled");
        Statuses(read).ShouldBe(["Accepted", "Queued", "Cancelled"]);
    }

    [Fact]
    public async Task SentMessage_Answers409_WithItsStatus()
    {
        using var tenant = _host.Client(HostProcess.DemoTenantKey);
        var trackingId = await tenant.SendAcceptedAsync(Api.Sms("already on its way"));
        await WaitForStatusAsync(tenant, trackingId, "Sent");

        using var response = await tenant.PostAsync($"api/app/message/{trackingId}/cancel", null);

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        problem["code"]!.GetValue<string>().ShouldBe("Messaging:MessageNotCancellable");
        problem["messageStatus"]!.GetValue<string>().ShouldBe("Sent");
    }

    [Fact]
    public async Task AnotherTenantsMessage_Answers404_AndIsLeftAlone()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);
        var (_, otherKey) = await admin.CreateTenantAsync();
        using var owner = _host.Client(HostProcess.DemoTenantKey);
        using var other = _host.Client(otherKey);
        var trackingId = await owner.SendAcceptedAsync(new { recipient = "someone@example.com", channel = "Email", content = "mine" });

        using var foreign = await other.PostAsync($"api/app/message/{trackingId}/cancel", null);
        using var unknown = await owner.PostAsync($"api/app/message/{Guid.CreateVersion7()}/cancel", null);
        using var asHostAdmin = await admin.PostAsync($"api/app/message/{trackingId}/cancel", null);

        await foreign.ProblemAsync(HttpStatusCode.NotFound);
        await unknown.ProblemAsync(HttpStatusCode.NotFound);
        asHostAdmin.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var status = await owner.GetAsync($"api/app/message/{trackingId}/status");
        (await status.JsonAsync(HttpStatusCode.OK))["status"]!.GetValue<string>().ShouldNotBe("Cancelled");
    }

    private static IEnumerable<string> Statuses(JsonObject status) =>
        status["history"]!.AsArray().Select(h => h!["status"]!.GetValue<string>());

    private static Task WaitForStatusAsync(HttpClient tenant, Guid trackingId, string expected) =>
        Eventually.TrueAsync(async () =>
        {
            using var response = await tenant.GetAsync($"api/app/message/{trackingId}/status");
            return (await response.JsonAsync(HttpStatusCode.OK))["status"]!.GetValue<string>() == expected;
        }, TimeSpan.FromSeconds(20), $"the message is {expected}");
}
