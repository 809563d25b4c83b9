using System.Net;
using System.Text.Json.Nodes;
using Messaging.EventBus;
using Messaging.ExceptionHandling;
using Messaging.Messages.Callbacks;
using Messaging.Security;
using Messaging.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Messages;

/// <summary>Status callbacks from the status change to a real HTTP server on loopback: signed, retried with backoff, refused when private.</summary>
public class StatusCallbackTests
{
    private static readonly Dictionary<string, string?> PrivateNetworksAllowed = new() { ["Delivery:AllowPrivateNetworks"] = "true" };

    [Fact]
    public async Task Delivery_PostsTheStatusChange_SignedWithTheTenantsSecret()
    {
        await using var harness = await ReceiptHarness.StartAsync(settings: PrivateNetworksAllowed);
        await using var receiver = new LoopbackHttpServer(HttpStatusCode.NoContent);
        var tenant = Guid.NewGuid();
        var callback = await harness.SetCallbackAsync(tenant, new SetMessageCallbackDto { Url = receiver.Url().ToString() });
        var message = await DeliverThroughAReceiptAsync(harness, tenant);

        await RunEnqueuedCallbacksAsync(harness, tenant);

        var request = receiver.Received.Single();
        WebhookSignature.Verify(callback.Secret!, request.Headers[WebhookSignature.TimestampHeader], request.Headers[WebhookSignature.SignatureHeader],
            request.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1)).ShouldBe(WebhookSignatureCheck.Valid);
        request.Headers["Content-Type"].ShouldStartWith("application/json");
        var body = JsonNode.Parse(request.Body)!.AsObject();
        body["trackingId"]!.GetValue<Guid>().ShouldBe(message.Id);
        body["status"]!.GetValue<string>().ShouldBe("Delivered");
        body["providerMessageId"]!.GetValue<string>().ShouldBe("SM-cb");
        body["reason"]!.GetValue<string>().ShouldBe("sms receipt: delivered");
        body["eventId"]!.GetValue<Guid>().ToString().ShouldBe(request.Headers[WebhookSignature.IdempotencyKeyHeader]);
        (await harness.PendingCallbacksAsync()).ShouldBeEmpty("a delivered callback is no longer owed");
    }

    [Fact]
    public async Task FailedPost_IsScheduledAgain_WithBackoff_UntilTheLastAttempt()
    {
        await using var harness = await ReceiptHarness.StartAsync(settings: new Dictionary<string, string?>(PrivateNetworksAllowed)
        {
            ["Delivery:Callbacks:MaxAttempts"] = "3",
            ["Delivery:Callbacks:FirstRetryDelay"] = "00:00:10"
        });
        await using var receiver = new LoopbackHttpServer(HttpStatusCode.InternalServerError);
        var tenant = Guid.NewGuid();
        await harness.SetCallbackAsync(tenant, new SetMessageCallbackDto { Url = receiver.Url().ToString() });
        await DeliverThroughAReceiptAsync(harness, tenant);

        await RunEnqueuedCallbacksAsync(harness, tenant);
        var afterFirst = (await harness.PendingCallbacksAsync()).Single();
        await harness.MakeCallbacksDueAsync();
        await harness.DeliverCallbacksAsync();
        var afterSecond = (await harness.PendingCallbacksAsync()).Single();
        await harness.MakeCallbacksDueAsync();
        await harness.DeliverCallbacksAsync();

        receiver.Received.Count.ShouldBe(3);
        receiver.Received.Select(r => r.Headers[StatusCallbackPoster.AttemptHeader]).ShouldBe(["1", "2", "3"]);
        receiver.Received.Select(r => r.Headers[WebhookSignature.IdempotencyKeyHeader]).Distinct().Count().ShouldBe(1);
        afterFirst.FailedAttempts.ShouldBe(1);
        (afterFirst.DueAt - DateTime.UtcNow).ShouldBeInRange(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(11));
        afterSecond.FailedAttempts.ShouldBe(2);
        (afterSecond.DueAt - DateTime.UtcNow).ShouldBeInRange(TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(21));
        afterSecond.LastError.ShouldNotBeNullOrEmpty();
        (await harness.PendingCallbacksAsync()).ShouldBeEmpty("the third attempt is the last: the callback is given up");
    }

    [Fact]
    public async Task LoopbackCallback_IsRefused_WithoutThePrivateNetworksSetting_AndNotRetried()
    {
        await using var harness = await ReceiptHarness.StartAsync();
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var tenant = Guid.NewGuid();
        // A name, not an address literal: only the guard, resolving it when connecting, can tell where it leads.
        await harness.SetCallbackAsync(tenant, new SetMessageCallbackDto { Url = $"https://localhost:{port}/status" });
        await DeliverThroughAReceiptAsync(harness, tenant);

        await RunEnqueuedCallbacksAsync(harness, tenant);

        listener.Pending().ShouldBeFalse("no connection may reach the loopback port");
        (await harness.PendingCallbacksAsync()).ShouldBeEmpty("a refused address is not retried");
    }

    [Fact]
    public async Task Secret_IsShownOnce_KeptWhenTheAddressChanges_AndReplacedByRotation()
    {
        await using var harness = await ReceiptHarness.StartAsync();
        var tenant = Guid.NewGuid();

        var created = await harness.SetCallbackAsync(tenant, new SetMessageCallbackDto { Url = "https://a.example.com/status" });
        var read = await harness.InTenantAsync(tenant, callbacks => callbacks.GetAsync());
        var moved = await harness.SetCallbackAsync(tenant, new SetMessageCallbackDto { Url = "https://b.example.com/status" });
        var rotated = await harness.InTenantAsync(tenant, callbacks => callbacks.RotateSecretAsync());

        created.Secret.ShouldNotBeNull().ShouldStartWith("mcs_");
        read.Secret.ShouldBeNull();
        read.Url.ShouldBe("https://a.example.com/status");
        moved.Secret.ShouldBeNull();
        moved.Url.ShouldBe("https://b.example.com/status");
        rotated.Secret.ShouldNotBeNull().ShouldNotBe(created.Secret);
        (await StoredSecretAsync(harness, tenant)).ShouldBe(rotated.Secret);
    }

    [Fact]
    public async Task ChosenSecret_IsUsed_AndNeverEchoed()
    {
        await using var harness = await ReceiptHarness.StartAsync();
        var tenant = Guid.NewGuid();
        const string chosen = "my-own-callback-secret-of-enough-length-42";

        var created = await harness.SetCallbackAsync(tenant, new SetMessageCallbackDto { Url = "https://a.example.com/status", Secret = chosen });

        created.Secret.ShouldBeNull();
        (await StoredSecretAsync(harness, tenant)).ShouldBe(chosen);
    }

    [Theory]
    [InlineData("http://tenant.example.com/status", null, "url")]
    [InlineData("https://127.0.0.1/status", null, "url")]
    [InlineData("https://[::1]/status", null, "url")]
    [InlineData("https://169.254.169.254/latest", null, "url")]
    [InlineData("https://user:pass@tenant.example.com/status", null, "url")]
    [InlineData("ftp://tenant.example.com/status", null, "url")]
    [InlineData("/status", null, "url")]
    [InlineData("https://tenant.example.com/status", "too-short", "secret")]
    public async Task InvalidCallbacks_AreValidationErrors(string url, string? secret, string field)
    {
        await using var harness = await ReceiptHarness.StartAsync();

        var invalid = await Should.ThrowAsync<InputValidationException>(() =>
            harness.SetCallbackAsync(Guid.NewGuid(), new SetMessageCallbackDto { Url = url, Secret = secret }));

        invalid.Errors.Keys.ShouldBe([field]);
    }

    [Fact]
    public async Task PlainHttpAndPrivateAddresses_AreAccepted_WhereTheHostAdminAllowsThem()
    {
        await using var harness = await ReceiptHarness.StartAsync(settings: PrivateNetworksAllowed);

        var created = await harness.SetCallbackAsync(Guid.NewGuid(), new SetMessageCallbackDto { Url = "http://127.0.0.1:8080/status" });

        created.Url.ShouldBe("http://127.0.0.1:8080/status");
    }

    [Fact]
    public async Task AnotherTenantsCallback_IsNotFound()
    {
        await using var harness = await ReceiptHarness.StartAsync();
        var (tenantA, tenantB) = (Guid.NewGuid(), Guid.NewGuid());
        await harness.SetCallbackAsync(tenantA, new SetMessageCallbackDto { Url = "https://a.example.com/status" });

        await Should.ThrowAsync<EntityNotFoundException>(() => harness.InTenantAsync(tenantB, callbacks => callbacks.GetAsync()));
        await Should.ThrowAsync<EntityNotFoundException>(() => harness.InTenantAsync(tenantB, async callbacks =>
        {
            await callbacks.DeleteAsync();
            return true;
        }));
        (await harness.InTenantAsync(tenantA, callbacks => callbacks.GetAsync())).Url.ShouldBe("https://a.example.com/status");
    }

    [Fact]
    public async Task DeletedCallback_StopsTheEvents()
    {
        await using var harness = await ReceiptHarness.StartAsync();
        var tenant = Guid.NewGuid();
        await harness.SetCallbackAsync(tenant, new SetMessageCallbackDto { Url = "https://a.example.com/status" });
        await harness.InTenantAsync(tenant, async callbacks =>
        {
            await callbacks.DeleteAsync();
            return true;
        });

        await DeliverThroughAReceiptAsync(harness, tenant);

        (await harness.StatusEventsAsync(tenant)).ShouldBeEmpty();
    }

    private static async Task<Message> DeliverThroughAReceiptAsync(ReceiptHarness harness, Guid tenant)
    {
        var secret = harness.Endpoints.Configure(tenant, MessageChannel.Sms, "sms");
        var message = await harness.InsertSentMessageAsync(tenant, MessageChannel.Sms, "sms", "SM-cb");
        var (body, headers) = ReceiptHarness.SignedReceipt(secret, "r-cb", "SM-cb", "delivered");
        await harness.ReceiveAsync("sms", body, headers);
        return message;
    }

    /// <summary>Hands the outbox's status events to their handler (as the relay would), then runs a delivery round.</summary>
    private static async Task RunEnqueuedCallbacksAsync(ReceiptHarness harness, Guid tenant)
    {
        var dispatcher = harness.Inner.Services.GetRequiredService<EventDispatcher>();
        var statusEvents = await harness.StatusEventsAsync(tenant);
        statusEvents.ShouldNotBeEmpty();
        foreach (var statusEvent in statusEvents)
        {
            (await dispatcher.DispatchAsync(statusEvent, CancellationToken.None)).Confirmed.ShouldBeTrue();
        }

        await harness.DeliverCallbacksAsync();
    }

    private static Task<string> StoredSecretAsync(ReceiptHarness harness, Guid tenant) =>
        harness.Inner.InScopeAsync(async services =>
        {
            using var scope = harness.Inner.CurrentTenant.Change(tenant);
            var callback = await services.GetRequiredService<IStatusCallbackRepository>().FindAsync(tenant);
            return services.GetRequiredService<ISecretProtector>().Unprotect(callback!.ProtectedSecret);
        });
}
