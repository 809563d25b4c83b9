using System.Net;
using Messaging.TestSupport;

namespace Messaging;

[Collection(SharedHostCollection.Name)]
public class SendAndStatusTests(SharedHost shared)
{
    private readonly HostProcess _host = shared.Host;

    [Fact]
    public async Task Send_Answers202WithTrackingId_AndStatusShowsTheHistory()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);
        var (_, apiKey) = await admin.CreateTenantAsync();
        using var tenant = _host.Client(apiKey);

        using var response = await tenant.SendAsync(new
        {
            recipient = "someone@example.com", channel = "Email", content = "Your order shipped", priority = "High",
            metadata = new { orderId = "42" }
        });
        var accepted = await response.JsonAsync(HttpStatusCode.Accepted);
        var trackingId = accepted["trackingId"]!.GetValue<Guid>();
        using var statusResponse = await tenant.GetAsync($"api/app/message/{trackingId}/status");
        var status = await statusResponse.JsonAsync(HttpStatusCode.OK);

        accepted["status"]!.GetValue<string>().ShouldBe("Accepted");
        response.Headers.Location!.ToString().ShouldBe($"/api/app/message/{trackingId}/status");
        status["status"]!.GetValue<string>().ShouldBeOneOf("Accepted", "Queued");
        status["channel"]!.GetValue<string>().ShouldBe("Email");
        status["priority"]!.GetValue<string>().ShouldBe("High");
        status["history"]!.AsArray()[0]!["status"]!.GetValue<string>().ShouldBe("Accepted");
        status["acceptedAt"]!.GetValue<DateTime>().ShouldBe(accepted["acceptedAt"]!.GetValue<DateTime>());
    }

    [Fact]
    public async Task AcceptedSms_IsDispatchedToTheSandbox_WithItsWholeHistory()
    {
        using var tenant = _host.Client(HostProcess.DemoTenantKey);
        var trackingId = await tenant.SendAcceptedAsync(Api.Sms("to be sent"));

        await Eventually.TrueAsync(async () =>
        {
            using var response = await tenant.GetAsync($"api/app/message/{trackingId}/status");
            return (await response.JsonAsync(HttpStatusCode.OK))["status"]!.GetValue<string>() == "Sent";
        }, TimeSpan.FromSeconds(20), "the message is sent");
        using var final = await tenant.GetAsync($"api/app/message/{trackingId}/status");
        var status = await final.JsonAsync(HttpStatusCode.OK);
        status["history"]!.AsArray().Select(h => h!["status"]!.GetValue<string>()).ShouldBe(["Accepted", "Queued", "Sending", "Sent"]);
        status["providerName"]!.GetValue<string>().ShouldBe("sandbox");
        status["providerMessageId"]!.GetValue<string>().ShouldBe($"sandbox-{trackingId:N}");
        status["dispatchAttempts"]!.GetValue<int>().ShouldBe(1);
        using var sandbox = await tenant.GetAsync($"api/app/message-provider/sandbox?messageId={trackingId}");
        var recorded = (await sandbox.JsonAsync(HttpStatusCode.OK))["items"]!.AsArray().Single()!;
        recorded["content"]!.GetValue<string>().ShouldBe("to be sent");
    }

    [Fact]
    public async Task UnknownTrackingId_Answers404()
    {
        using var tenant = _host.Client(HostProcess.DemoTenantKey);

        using var response = await tenant.GetAsync($"api/app/message/{Guid.CreateVersion7()}/status");

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task MalformedTrackingId_Answers404()
    {
        using var tenant = _host.Client(HostProcess.DemoTenantKey);

        using var response = await tenant.GetAsync("api/app/message/not-a-guid/status");

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Retry_WithSameKeyAndBody_GetsTheSameTrackingId()
    {
        using var tenant = _host.Client(HostProcess.DemoTenantKey);
        var key = "order-" + Guid.NewGuid();

        var first = await tenant.SendAcceptedAsync(Api.Sms("once"), key);
        var retry = await tenant.SendAcceptedAsync(Api.Sms("once"), key);

        retry.ShouldBe(first);
        (await shared.Database.StoredMessageIdsAsync()).Count(id => id == first).ShouldBe(1);
    }

    [Fact]
    public async Task ReusedKey_WithDifferentBody_Answers422()
    {
        using var tenant = _host.Client(HostProcess.DemoTenantKey);
        var key = "order-" + Guid.NewGuid();
        await tenant.SendAcceptedAsync(Api.Sms("original"), key);

        using var response = await tenant.SendAsync(Api.Sms("changed"), key);

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem["code"]!.GetValue<string>().ShouldBe("Messaging:IdempotencyKeyReused");
    }

    [Fact]
    public async Task ConcurrentRetries_StoreOneMessage()
    {
        using var tenant = _host.Client(HostProcess.DemoTenantKey);
        var key = "burst-" + Guid.NewGuid();

        var ids = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => tenant.SendAcceptedAsync(Api.Sms("burst"), key)));

        ids.Distinct().ShouldHaveSingleItem();
        (await shared.Database.StoredMessageIdsAsync()).Count(id => id == ids[0]).ShouldBe(1);
    }

    [Fact]
    public async Task CorrelationId_FromTheCaller_IsEchoedAndInProblems()
    {
        using var tenant = _host.Client(HostProcess.DemoTenantKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/app/message/{Guid.CreateVersion7()}/status");
        request.Headers.Add("X-Correlation-Id", "checkout-7f3a");

        using var response = await tenant.SendAsync(request);

        response.Headers.GetValues("X-Correlation-Id").ShouldBe(["checkout-7f3a"]);
        (await response.ProblemAsync(HttpStatusCode.NotFound))["correlationId"]!.GetValue<string>().ShouldBe("checkout-7f3a");
    }
}
