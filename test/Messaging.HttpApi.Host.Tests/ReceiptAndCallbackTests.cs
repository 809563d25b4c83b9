using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Messaging.Messages;
using Messaging.Security;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>
/// Receipts and status callbacks through the real host. Tenants configure their providers' signing secrets through the
/// provider API; messages are put in the Sent state straight in the host's SQLite file, as the dispatcher would leave
/// them. Callbacks go to a real HTTP server on loopback, which the host admin setting allows here.
/// </summary>
public class ReceiptAndCallbackTests(ReceiptAndCallbackTests.Host fixture) : IClassFixture<ReceiptAndCallbackTests.Host>
{
    private readonly HostProcess _host = fixture.Process;

    public sealed class Host : IAsyncLifetime
    {
        public TestDatabase Database { get; } = new();

        public HostProcess Process { get; private set; } = null!;

        public async Task InitializeAsync() => Process = await HostProcess.StartAsync(Database.File, new Dictionary<string, string>
        {
            ["Delivery__AllowPrivateNetworks"] = "true",
            // A tenant's unconfigured channel has no provider: its messages wait in Queued, where they can be cancelled.
            ["Delivery__FallbackProvider"] = "",
            ["Delivery__Callbacks__FirstRetryDelay"] = "00:00:01",
            ["Hangfire__SchedulePollingInterval"] = "00:00:01",
            ["EventBus__RelayPollInterval"] = "00:00:00.200"
        });

        public async Task DisposeAsync()
        {
            await Process.DisposeAsync();
            Database.Dispose();
        }
    }

    [Fact]
    public async Task DeliveredReceipt_MovesTheMessageToDelivered_AndARepeatChangesNothing()
    {
        var (tenantId, key) = await NewTenantAsync();
        var providerId = "SM-" + Guid.NewGuid();
        var messageId = await fixture.Database.InsertSentMessageAsync(tenantId, MessageChannel.Sms, "sms", providerId);
        var receipt = Signed(await ConfigureProviderAsync(key, MessageChannel.Sms), Receipt("r-1", providerId, "delivered"));

        using var first = await PostReceiptAsync("sms", receipt);
        using var again = await PostReceiptAsync("sms", receipt);

        (await first.JsonAsync(HttpStatusCode.OK))["processed"]!.GetValue<int>().ShouldBe(1);
        (await again.JsonAsync(HttpStatusCode.OK))["duplicates"]!.GetValue<int>().ShouldBe(1);
        var status = await StatusAsync(key, messageId);
        status["status"]!.GetValue<string>().ShouldBe("Delivered");
        status["history"]!.AsArray().Count(h => h!["status"]!.GetValue<string>() == "Delivered").ShouldBe(1);
    }

    [Fact]
    public async Task Receipt_IsReadRaw_WhateverContentTypeItDeclares()
    {
        var (tenantId, key) = await NewTenantAsync();
        var providerId = "SM-" + Guid.NewGuid();
        var messageId = await fixture.Database.InsertSentMessageAsync(tenantId, MessageChannel.Sms, "sms", providerId);

        using var response = await PostReceiptAsync("sms", Signed(await ConfigureProviderAsync(key, MessageChannel.Sms),
            Receipt("r-form", providerId, "read")), "application/x-www-form-urlencoded");

        (await response.JsonAsync(HttpStatusCode.OK))["processed"]!.GetValue<int>().ShouldBe(1);
        (await StatusAsync(key, messageId))["status"]!.GetValue<string>().ShouldBe("Delivered");
    }

    [Fact]
    public async Task FailedWhatsAppReceipt_FailsTheMessage()
    {
        var (tenantId, key) = await NewTenantAsync();
        var wamid = "wamid." + Guid.NewGuid().ToString("N");
        var messageId = await fixture.Database.InsertSentMessageAsync(tenantId, MessageChannel.WhatsApp, "whatsapp", wamid);
        var failure = new JsonObject
        {
            ["id"] = wamid,
            ["status"] = "failed",
            ["timestamp"] = "1700000000",
            ["recipient_id"] = "14155550123",
            ["errors"] = new JsonArray(new JsonObject { ["code"] = 131026, ["title"] = "Message undeliverable" })
        };
        var body = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = "1",
                ["changes"] = new JsonArray(new JsonObject
                {
                    ["field"] = "messages",
                    ["value"] = new JsonObject { ["messaging_product"] = "whatsapp", ["statuses"] = new JsonArray(failure) }
                })
            })
        }.ToJsonString());
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(await ConfigureProviderAsync(key, MessageChannel.WhatsApp)), body));

        using var response = await PostReceiptAsync("whatsapp", (body, new Dictionary<string, string> { ["X-Hub-Signature-256"] = signature }));

        (await response.JsonAsync(HttpStatusCode.OK))["processed"]!.GetValue<int>().ShouldBe(1);
        var status = await StatusAsync(key, messageId);
        status["status"]!.GetValue<string>().ShouldBe("Failed");
        status["history"]!.AsArray()[^1]!["reason"]!.GetValue<string>().ShouldBe("whatsapp receipt: failed 131026: Message undeliverable");
    }

    [Fact]
    public async Task BadStaleOrMissingSignatures_Answer401_AndChangeNothing()
    {
        var (tenantId, key) = await NewTenantAsync();
        var providerId = "SM-" + Guid.NewGuid();
        var messageId = await fixture.Database.InsertSentMessageAsync(tenantId, MessageChannel.Sms, "sms", providerId);
        var secret = await ConfigureProviderAsync(key, MessageChannel.Sms);
        var body = Receipt("r-bad", providerId, "delivered");

        using var wrongSecret = await PostReceiptAsync("sms", Signed("not-the-tenants-secret-0123456789abcdef", body));
        using var stale = await PostReceiptAsync("sms", Signed(secret, body, DateTimeOffset.UtcNow.AddMinutes(-10)));
        using var missing = await PostReceiptAsync("sms", (body, new Dictionary<string, string>()));
        using var unknownMessage = await PostReceiptAsync("sms", Signed(secret, Receipt("r-x", "SM-nobody-sent-this", "delivered")));

        foreach (var response in new[] { wrongSecret, stale, missing, unknownMessage })
        {
            (await response.ProblemAsync(HttpStatusCode.Unauthorized))["code"]!.GetValue<string>().ShouldBe("Messaging:ReceiptSignatureInvalid");
        }

        (await StatusAsync(key, messageId))["status"]!.GetValue<string>().ShouldBe("Sent");
    }

    [Fact]
    public async Task TenantAsSecret_CannotUpdateTenantBsMessage()
    {
        var (_, keyA) = await NewTenantAsync();
        var (tenantB, keyB) = await NewTenantAsync();
        var secretOfA = await ConfigureProviderAsync(keyA, MessageChannel.Sms);
        await ConfigureProviderAsync(keyB, MessageChannel.Sms);
        var providerId = "SM-" + Guid.NewGuid();
        var messageOfB = await fixture.Database.InsertSentMessageAsync(tenantB, MessageChannel.Sms, "sms", providerId);

        using var response = await PostReceiptAsync("sms", Signed(secretOfA, Receipt("r-cross", providerId, "failed")));

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
        (await StatusAsync(keyB, messageOfB))["status"]!.GetValue<string>().ShouldBe("Sent");
    }

    [Fact]
    public async Task MalformedReceipts_Answer400_UnknownProviders404_AndOversizedBodies413()
    {
        var body = "{\"receiptId\":\"r\",\"status\":\"delivered\"}"u8.ToArray();

        using var malformed = await PostReceiptAsync("sms", Signed("any-secret-any-secret-any-secret-00", body));
        using var unknownProvider = await PostReceiptAsync("carrier-pigeon", Signed("any-secret-any-secret-any-secret-00", body));
        using var oversized = await PostReceiptAsync("sms", Signed("any-secret-any-secret-any-secret-00", new byte[1024 * 1024 + 1]));

        (await malformed.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["providerMessageId"].ShouldNotBeNull();
        await unknownProvider.ProblemAsync(HttpStatusCode.NotFound);
        oversized.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Callback_IsPostedSigned_AndRetriedAfterTheReceiverFirstAnswers500()
    {
        await using var receiver = new LoopbackHttpServer(HttpStatusCode.InternalServerError, HttpStatusCode.OK);
        var (tenantId, key) = await NewTenantAsync();
        using var tenant = _host.Client(key);
        using var set = await tenant.PutAsJsonAsync("api/app/message-callback", new { url = receiver.Url().ToString() });
        var secret = (await set.JsonAsync(HttpStatusCode.OK))["secret"]!.GetValue<string>();
        var providerId = "SM-" + Guid.NewGuid();
        var messageId = await fixture.Database.InsertSentMessageAsync(tenantId, MessageChannel.Sms, "sms", providerId);

        using var receipt = await PostReceiptAsync("sms", Signed(await ConfigureProviderAsync(key, MessageChannel.Sms), Receipt("r-cb", providerId, "delivered")));
        receipt.StatusCode.ShouldBe(HttpStatusCode.OK);
        await Eventually.TrueAsync(() => Task.FromResult(receiver.Received.Count >= 2), TimeSpan.FromSeconds(60), "the callback is retried after the 500");

        var (failed, delivered) = (receiver.Received[0], receiver.Received[1]);
        foreach (var request in new[] { failed, delivered })
        {
            WebhookSignature.Verify(secret, request.Headers["X-Messaging-Timestamp"], request.Headers["X-Messaging-Signature"], request.Body,
                DateTimeOffset.UtcNow).ShouldBe(WebhookSignatureCheck.Valid);
        }

        delivered.Headers["X-Messaging-Attempt"].ShouldBe("2");
        delivered.Headers["Idempotency-Key"].ShouldBe(failed.Headers["Idempotency-Key"]);
        var body = JsonNode.Parse(delivered.Body)!.AsObject();
        body["trackingId"]!.GetValue<Guid>().ShouldBe(messageId);
        body["status"]!.GetValue<string>().ShouldBe("Delivered");
        body["providerMessageId"]!.GetValue<string>().ShouldBe(providerId);
    }

    [Fact]
    public async Task CancelledMessage_IsReportedToTheCallback()
    {
        await using var receiver = new LoopbackHttpServer(HttpStatusCode.OK);
        var (_, key) = await NewTenantAsync();
        using var tenant = _host.Client(key);
        using var set = await tenant.PutAsJsonAsync("api/app/message-callback", new { url = receiver.Url().ToString() });
        var secret = (await set.JsonAsync(HttpStatusCode.OK))["secret"]!.GetValue<string>();
        var trackingId = await tenant.SendAcceptedAsync(Api.Sms("withdrawn"));

        using var cancelled = await tenant.PostAsync($"api/app/message/{trackingId}/cancel", null);
        cancelled.StatusCode.ShouldBe(HttpStatusCode.OK);
        await Eventually.TrueAsync(() => Task.FromResult(receiver.Received.Count >= 1), TimeSpan.FromSeconds(30), "the cancellation is posted");

        var request = receiver.Received.Single();
        WebhookSignature.Verify(secret, request.Headers["X-Messaging-Timestamp"], request.Headers["X-Messaging-Signature"], request.Body,
            DateTimeOffset.UtcNow).ShouldBe(WebhookSignatureCheck.Valid);
        var body = JsonNode.Parse(request.Body)!.AsObject();
        body["trackingId"]!.GetValue<Guid>().ShouldBe(trackingId);
        body["status"]!.GetValue<string>().ShouldBe("Cancelled");
        body["reason"]!.GetValue<string>().ShouldBe("cancelled by the tenant");
    }

    [Fact]
    public async Task CallbackSettings_ShowTheSecretOnce_AndBelongToTheTenant()
    {
        var (_, key) = await NewTenantAsync();
        var (_, otherKey) = await NewTenantAsync();
        using var tenant = _host.Client(key);
        using var other = _host.Client(otherKey);
        using var anonymous = _host.Client();
        using var hostAdmin = _host.Client(HostProcess.HostAdminKey);

        using var before = await tenant.GetAsync("api/app/message-callback");
        using var created = await tenant.PutAsJsonAsync("api/app/message-callback", new { url = "https://status.example.com/hook" });
        using var read = await tenant.GetAsync("api/app/message-callback");
        using var fromOther = await other.GetAsync("api/app/message-callback");
        using var rotated = await tenant.PostAsync("api/app/message-callback/rotate-secret", null);
        using var unauthenticated = await anonymous.GetAsync("api/app/message-callback");
        using var asHostAdmin = await hostAdmin.GetAsync("api/app/message-callback");
        using var invalid = await tenant.PutAsJsonAsync("api/app/message-callback", new { url = "status.example.com/hook" });
        using var deleted = await tenant.DeleteAsync("api/app/message-callback");
        using var after = await tenant.GetAsync("api/app/message-callback");

        await before.ProblemAsync(HttpStatusCode.NotFound);
        var createdSecret = (await created.JsonAsync(HttpStatusCode.OK))["secret"]!.GetValue<string>();
        var readBody = await read.JsonAsync(HttpStatusCode.OK);
        readBody["url"]!.GetValue<string>().ShouldBe("https://status.example.com/hook");
        readBody.ContainsKey("secret").ShouldBeFalse();
        await fromOther.ProblemAsync(HttpStatusCode.NotFound);
        (await rotated.JsonAsync(HttpStatusCode.OK))["secret"]!.GetValue<string>().ShouldNotBe(createdSecret);
        unauthenticated.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        asHostAdmin.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await invalid.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["url"].ShouldNotBeNull();
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await after.ProblemAsync(HttpStatusCode.NotFound);
    }

    /// <summary>Configures the tenant's provider for the channel through the provider API, with a new signing secret.</summary>
    internal static Task<string> ConfigureProviderAsync(HostProcess host, string key, MessageChannel channel) =>
        ConfigureAsync(host.Client(key), channel);

    private Task<string> ConfigureProviderAsync(string key, MessageChannel channel) => ConfigureProviderAsync(_host, key, channel);

    private static async Task<string> ConfigureAsync(HttpClient tenant, MessageChannel channel)
    {
        using (tenant)
        {
            var secret = "whsec-" + Guid.NewGuid().ToString("N");
            object settings = channel switch
            {
                MessageChannel.WhatsApp => new { baseUrl = "https://graph.example.com/", senderId = "106540352242922", credential = "EAAG-token", signingSecret = secret },
                MessageChannel.Sms => new
                {
                    baseUrl = "https://api.twilio.example.com/",
                    senderId = "+15005550006",
                    credential = "AC0123456789abcdef0123456789abcdef:auth-token",
                    signingSecret = secret
                },
                _ => new { signingSecret = secret }
            };
            using var response = await tenant.PutAsJsonAsync($"api/app/message-provider/configurations/{channel}", settings);
            (await response.JsonAsync(HttpStatusCode.OK))["hasSigningSecret"]!.GetValue<bool>().ShouldBeTrue();
            return secret;
        }
    }

    private async Task<(Guid TenantId, string Key)> NewTenantAsync()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);
        return await admin.CreateTenantAsync();
    }

    private async Task<JsonObject> StatusAsync(string key, Guid messageId)
    {
        using var tenant = _host.Client(key);
        using var response = await tenant.GetAsync($"api/app/message/{messageId}/status");
        return await response.JsonAsync(HttpStatusCode.OK);
    }

    private async Task<HttpResponseMessage> PostReceiptAsync(string provider, (byte[] Body, Dictionary<string, string> Headers) receipt,
        string contentType = "application/json")
    {
        using var anonymous = _host.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/app/message-receipt/{provider}") { Content = new ByteArrayContent(receipt.Body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        foreach (var (name, value) in receipt.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await anonymous.SendAsync(request);
    }

    internal static byte[] Receipt(string receiptId, string providerMessageId, string status) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["receiptId"] = receiptId, ["providerMessageId"] = providerMessageId, ["status"] = status }.ToJsonString());

    internal static (byte[] Body, Dictionary<string, string> Headers) Signed(string secret, byte[] body, DateTimeOffset? at = null)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        return (body, new Dictionary<string, string>
        {
            [WebhookSignature.TimestampHeader] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [WebhookSignature.SignatureHeader] = WebhookSignature.Sign(secret, timestamp, body)
        });
    }
}
