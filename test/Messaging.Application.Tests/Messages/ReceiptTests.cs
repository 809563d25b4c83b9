using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Messaging.EntityFrameworkCore;
using Messaging.ExceptionHandling;
using Messaging.Infrastructure.Messages.Providers.WhatsApp;
using Messaging.Messages.Receipts;
using Messaging.Security;
using Messaging.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Messages;

/// <summary>Delivery receipts against a real database: signatures, transitions, repeats, tenant isolation.</summary>
public class ReceiptTests
{
    [Fact]
    public async Task DeliveredReceipt_WithAGoodSignature_DeliversTheSentMessage()
    {
        await using var harness = await ReceiptHarness.StartAsync();
        var tenant = Guid.NewGuid();
        var secret = harness.Endpoints.Configure(tenant, MessageChannel.Sms, "sms");
        var message = await harness.InsertSentMessageAsync(tenant, MessageChannel.Sms, "sms", "SM-1");
        var (body, headers) = ReceiptHarness.SignedReceipt(secret, "r-1", "SM-1", "delivered");

        var result = await harness.ReceiveAsync("sms", body, headers);

        result.ShouldBe(new MessageReceiptResultDto(1, 0, 0));
        var stored = await harness.StoredAsync(message);
        stored.Status.ShouldBe(MessageStatus.Delivered);
        stored.History.Single(h => h.Status == MessageStatus.Delivered).Reason.ShouldBe("sms receipt: delivered");
    }

    [Fact]
    public async Task FailedReceipt_FailsTheMessage_WithTheProvidersCode()
    {
        await using var harness = await ReceiptHarness.StartAsync();
        var tenant = Guid.NewGuid();
        var secret = harness.Endpoints.Configure(tenant, MessageChannel.Webhook, "webhook");
        var message = await harness.InsertSentMessageAsync(tenant, MessageChannel.Webhook, "webhook", "WH-1");
        var (body, headers) = ReceiptHarness.SignedReceipt(secret, "r-1", "WH-1", "failed", errorCode: "30003");

        await harness.ReceiveAsync("webhook", body, headers);

        var stored = await harness.StoredAsync(message);
        stored.Status.ShouldBe(MessageStatus.Failed);
        stored.FailureCode.ShouldBe("30003");
        stored.History[^1].Reason.ShouldBe("webhook receipt: failed 30003: Unknown subscriber");
    }

    [Fact]
    public async Task SameReceiptTwice_ChangesTheMessageOnce()
    {
        await using var harness = await ReceiptHarness.StartAsync();
        var tenant = Guid.NewGuid();
        var secret = harness.Endpoints.Configure(tenant, MessageChannel.Sms, "sms");
        var message = await harness.InsertSentMessageAsync(tenant, MessageChannel.Sms, "sms", "SM-2");
        var (body, headers) = ReceiptHarness.SignedReceipt(secret, "r-2", "SM-2", "delivered");

        var first = await harness.ReceiveAsync("sms", body, headers);
        var again = await harness.ReceiveAsync("sms", body, headers);

        first.Processed.ShouldBe(1);
        again.ShouldBe(new MessageReceiptResultDto(0, 1, 0));
        (await harness.StoredAsync(message)).History.Count(h => h.Status == MessageStatus.Delivered).ShouldBe(1);
        (await harness.ProcessedReceiptCountAsync(tenant)).ShouldBe(1);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ConcurrentReceipts_ForOneMessage_MoveItOnce(DatabaseProvider provider)
    {
        await using var harness = await ReceiptHarness.StartAsync(provider);
        var tenant = Guid.NewGuid();
        var secret = harness.Endpoints.Configure(tenant, MessageChannel.Sms, "sms");
        var message = await harness.InsertSentMessageAsync(tenant, MessageChannel.Sms, "sms", "SM-race");
        // The same receipt several times, and different receipts (delivered, read) that both want to deliver it.
        var requests = Enumerable.Range(0, 12)
            .Select(i => ReceiptHarness.SignedReceipt(secret, i % 3 == 0 ? "r-same" : $"r-{i}", "SM-race", i % 2 == 0 ? "delivered" : "read"))
            .ToList();

        var results = await Task.WhenAll(requests.Select(async request =>
        {
            await Task.Yield();
            return await harness.ReceiveAsync("sms", request.Body, request.Headers);
        }));

        results.Sum(r => r.Processed + r.Duplicates).ShouldBe(12);
        results.Sum(r => r.Duplicates).ShouldBe(3);
        var stored = await harness.StoredAsync(message);
        stored.Status.ShouldBe(MessageStatus.Delivered);
        stored.History.Count(h => h.Status == MessageStatus.Delivered).ShouldBe(1);
    }

    [Fact]
    public async Task BadSignature_IsRefused_AndChangesNothing()
    {
        await using var harness = await ReceiptHarness.StartAsync();
        var tenant = Guid.NewGuid();
        harness.Endpoints.Configure(tenant, MessageChannel.Sms, "sms");
        var message = await harness.InsertSentMessageAsync(tenant, MessageChannel.Sms, "sms", "SM-3");
        var (body, headers) = ReceiptHarness.SignedReceipt("a-secret-someone-guessed-0123456789", "r-3", "SM-3", "delivered");

        var refusal = await Should.ThrowAsync<UnauthorizedException>(() => harness.ReceiveAsync("sms", body, headers));

        refusal.Code.ShouldBe(MessagingErrorCodes.ReceiptSignatureInvalid);
        (await harness.StoredAsync(message)).Status.ShouldBe(MessageStatus.Sent);
        (await harness.ProcessedReceiptCountAsync(tenant)).ShouldBe(0);
    }

    [Fact]
    public async Task TamperedBody_IsRefused()
    {
        await using var harness = await ReceiptHarness.StartAsync();
        var tenant = Guid.NewGuid();
        var secret = harness.Endpoints.Configure(tenant, MessageChannel.Sms, "sms");
        var message = await harness.InsertSentMessageAsync(tenant, MessageChannel.Sms, "sms", "SM-4");
        var (body, headers) = ReceiptHarness.SignedReceipt(secret, "r-4", "SM-4", "delivered");
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("delivered", "failed", StringComparison.Ordinal));

        await Should.ThrowAsync<UnauthorizedException>(() => harness.ReceiveAsync("sms", tampered, headers));

        (await harness.StoredAsync(message)).Status.ShouldBe(MessageStatus.Sent);
    }

    [Fact]
    public async Task StaleTimestamp_IsRefused_EvenWithTheRightSecret()
    {
        await using var harness = await ReceiptHarness.StartAsync();
        var tenant = Guid.NewGuid();
        var secret = harness.Endpoints.Configure(tenant, MessageChannel.Sms, "sms");
        var message = await harness.InsertSentMessageAsync(tenant, MessageChannel.Sms, "sms", "SM-5");
        var (body, headers) = ReceiptHarness.SignedReceipt(secret, "r-5", "SM-5", "delivered", signedAt: DateTimeOffset.UtcNow.AddMinutes(-6));

        await Should.ThrowAsync<UnauthorizedException>(() => harness.ReceiveAsync("sms", body, headers));

        (await harness.StoredAsync(message)).Status.ShouldBe(MessageStatus.Sent);
    }

    [Theory]
    [InlineData("X-Messaging-Signature")]
    [InlineData("X-Messaging-Timestamp")]
    public async Task MissingSignatureHeader_IsRefused(string missing)
    {
        await using var harness = await ReceiptHarness.StartAsync();
        var tenant = Guid.NewGuid();
        var secret = harness.Endpoints.Configure(tenant, MessageChannel.Sms, "sms");
        var message = await harness.InsertSentMessageAsync(tenant, MessageChannel.Sms, "sms", "SM-6");
        var (body, headers) = ReceiptHarness.SignedReceipt(secret, "r-6", "SM-6", "delivered");
        headers.Remove(missing);

        await Should.ThrowAsync<UnauthorizedException>(() => harness.ReceiveAsync("sms", body, headers));

        (await harness.StoredAsync(message)).Status.ShouldBe(MessageStatus.Sent);
    }

    [Fact]
    public async Task AnotherTenantsSecret_CannotChangeAMessage()
    {
        await using var harness = await ReceiptHarness.StartAsync();
        var (tenantA, tenantB) = (Guid.NewGuid(), Guid.NewGuid());
        var secretOfA = harness.Endpoints.Configure(tenantA, MessageChannel.Sms, "sms");
        harness.Endpoints.Configure(tenantB, MessageChannel.Sms, "sms");
        await harness.InsertSentMessageAsync(tenantA, MessageChannel.Sms, "sms", "SM-A");
        var messageOfB = await harness.InsertSentMessageAsync(tenantB, MessageChannel.Sms, "sms", "SM-B");
        var (body, headers) = ReceiptHarness.SignedReceipt(secretOfA, "r-b", "SM-B", "failed", errorCode: "30003");

        await Should.ThrowAsync<UnauthorizedException>(() => harness.ReceiveAsync("sms", body, headers));

        (await harness.StoredAsync(messageOfB)).Status.ShouldBe(MessageStatus.Sent);
        (await harness.ProcessedReceiptCountAsync(tenantB)).ShouldBe(0);
    }

    [Fact]
    public async Task UnknownProviderMessageId_AnswersExactlyLikeABadSignature()
    {
        await using var harness = await ReceiptHarness.StartAsync();
        var tenant = Guid.NewGuid();
        var secret = harness.Endpoints.Configure(tenant, MessageChannel.Sms, "sms");
        await harness.InsertSentMessageAsync(tenant, MessageChannel.Sms, "sms", "SM-known");
        var unknown = ReceiptHarness.SignedReceipt(secret, "r-u", "SM-unknown", "delivered");
        var forged = ReceiptHarness.SignedReceipt("not-the-secret-not-the-secret-0000", "r-f", "SM-known", "delivered");

        var forUnknown = await Should.ThrowAsync<UnauthorizedException>(() => harness.ReceiveAsync("sms", unknown.Body, unknown.Headers));
        var forForged = await Should.ThrowAsync<UnauthorizedException>(() => harness.ReceiveAsync("sms", forged.Body, forged.Headers));

        (forUnknown.Code, forUnknown.Message).ShouldBe((forForged.Code, forForged.Message));
    }

    [Fact]
    public async Task SignatureOfAProviderTheTenantDoesNotUseForTheChannel_IsRefused()
    {
        await using var harness = await ReceiptHarness.StartAsync();
        var tenant = Guid.NewGuid();
        // The tenant moved its SMS to another provider since: the old provider's receipts no longer verify.
        var secret = harness.Endpoints.Configure(tenant, MessageChannel.Sms, "another-gateway");
        var message = await harness.InsertSentMessageAsync(tenant, MessageChannel.Sms, "sms", "SM-7");
        var (body, headers) = ReceiptHarness.SignedReceipt(secret, "r-7", "SM-7", "delivered");

        await Should.ThrowAsync<UnauthorizedException>(() => harness.ReceiveAsync("sms", body, headers));

        (await harness.StoredAsync(message)).Status.ShouldBe(MessageStatus.Sent);
    }

    [Fact]
    public async Task WhatsAppWebhook_DeliversAndFails_ByMetasSignature()
    {
        await using var harness = await ReceiptHarness.StartAsync();
        var tenant = Guid.NewGuid();
        var appSecret = harness.Endpoints.Configure(tenant, MessageChannel.WhatsApp, "whatsapp");
        var delivered = await harness.InsertSentMessageAsync(tenant, MessageChannel.WhatsApp, "whatsapp", "wamid.delivered");
        var failed = await harness.InsertSentMessageAsync(tenant, MessageChannel.WhatsApp, "whatsapp", "wamid.failed");
        var body = WhatsAppBody(
            Status("wamid.delivered", "sent", 1_700_000_000),
            Status("wamid.delivered", "delivered", 1_700_000_001),
            Status("wamid.delivered", "read", 1_700_000_002),
            Status("wamid.failed", "failed", 1_700_000_003, """[{"code":131026,"title":"Message undeliverable"}]"""),
            Status("wamid.delivered", "deleted", 1_700_000_004));

        var result = await harness.ReceiveAsync("whatsapp", body, HubSignature(appSecret, body));
        var again = await harness.ReceiveAsync("whatsapp", body, HubSignature(appSecret, body));

        result.ShouldBe(new MessageReceiptResultDto(4, 0, 1));
        again.ShouldBe(new MessageReceiptResultDto(0, 4, 1));
        var storedDelivered = await harness.StoredAsync(delivered);
        storedDelivered.Status.ShouldBe(MessageStatus.Delivered);
        storedDelivered.History.Count(h => h.Status == MessageStatus.Delivered).ShouldBe(1);
        var storedFailed = await harness.StoredAsync(failed);
        storedFailed.Status.ShouldBe(MessageStatus.Failed);
        storedFailed.FailureCode.ShouldBe("131026");
        storedFailed.History[^1].Reason.ShouldBe("whatsapp receipt: failed 131026: Message undeliverable");
    }

    [Fact]
    public async Task WhatsAppWebhook_WithAWrongOrMissingSignature_IsRefused()
    {
        await using var harness = await ReceiptHarness.StartAsync();
        var tenant = Guid.NewGuid();
        harness.Endpoints.Configure(tenant, MessageChannel.WhatsApp, "whatsapp");
        var message = await harness.InsertSentMessageAsync(tenant, MessageChannel.WhatsApp, "whatsapp", "wamid.x");
        var body = WhatsAppBody(Status("wamid.x", "delivered", 1_700_000_001));

        await Should.ThrowAsync<UnauthorizedException>(() => harness.ReceiveAsync("whatsapp", body, HubSignature("wrong-app-secret", body)));
        await Should.ThrowAsync<UnauthorizedException>(() => harness.ReceiveAsync("whatsapp", body, new Dictionary<string, string>()));

        (await harness.StoredAsync(message)).Status.ShouldBe(MessageStatus.Sent);
    }

    [Fact]
    public async Task VerifiedRequest_NamingAMessageNotYetKnown_AppliesTheRest_AndAsksForARetry()
    {
        await using var harness = await ReceiptHarness.StartAsync();
        var tenant = Guid.NewGuid();
        var appSecret = harness.Endpoints.Configure(tenant, MessageChannel.WhatsApp, "whatsapp");
        var known = await harness.InsertSentMessageAsync(tenant, MessageChannel.WhatsApp, "whatsapp", "wamid.known");
        var body = WhatsAppBody(Status("wamid.known", "delivered", 1_700_000_001), Status("wamid.later", "delivered", 1_700_000_002));

        var early = await Should.ThrowAsync<ServiceUnavailableException>(() => harness.ReceiveAsync("whatsapp", body, HubSignature(appSecret, body)));
        // The dispatcher commits Sent for the second message; the provider's retry then applies it.
        var later = await harness.InsertSentMessageAsync(tenant, MessageChannel.WhatsApp, "whatsapp", "wamid.later");
        var retried = await harness.ReceiveAsync("whatsapp", body, HubSignature(appSecret, body));

        early.Code.ShouldBe(MessagingErrorCodes.ReceiptNotYetAttributable);
        early.RetryAfter.ShouldBeGreaterThan(TimeSpan.Zero);
        retried.ShouldBe(new MessageReceiptResultDto(1, 1, 0));
        (await harness.StoredAsync(known)).Status.ShouldBe(MessageStatus.Delivered);
        (await harness.StoredAsync(later)).Status.ShouldBe(MessageStatus.Delivered);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"receiptId":"r","providerMessageId":"p"}""")]
    [InlineData("""{"receiptId":"r","providerMessageId":"p","status":"exploded"}""")]
    [InlineData("""{"receiptId":"","providerMessageId":"p","status":"delivered"}""")]
    [InlineData("""{"receiptId":"r","providerMessageId":"p","status":"delivered","occurredAt":"yesterday"}""")]
    [InlineData("""{"receiptId":"\ud800","providerMessageId":"p","status":"delivered"}""")]
    [InlineData("""{"receiptId":"r","providerMessageId":"p","status":"failed","errorMessage":"bad \udfff text"}""")]
    public async Task MalformedReceipt_IsAValidationError(string json)
    {
        await using var harness = await ReceiptHarness.StartAsync();
        var body = Encoding.UTF8.GetBytes(json);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        await Should.ThrowAsync<InputValidationException>(() => harness.ReceiveAsync("sms", body, new Dictionary<string, string>
        {
            [WebhookSignature.TimestampHeader] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [WebhookSignature.SignatureHeader] = WebhookSignature.Sign("any-secret", timestamp, body)
        }));
    }

    [Fact]
    public async Task UnknownProvider_IsNotFound()
    {
        await using var harness = await ReceiptHarness.StartAsync();

        await Should.ThrowAsync<EntityNotFoundException>(() => harness.ReceiveAsync("carrier-pigeon", "{}"u8.ToArray(), new Dictionary<string, string>()));
    }

    [Fact]
    public async Task StatusChange_IsPublished_OnlyForTenantsWithACallback()
    {
        await using var harness = await ReceiptHarness.StartAsync();
        var (withCallback, without) = (Guid.NewGuid(), Guid.NewGuid());
        var secretWith = harness.Endpoints.Configure(withCallback, MessageChannel.Sms, "sms");
        var secretWithout = harness.Endpoints.Configure(without, MessageChannel.Sms, "sms");
        var message = await harness.InsertSentMessageAsync(withCallback, MessageChannel.Sms, "sms", "SM-cb");
        await harness.InsertSentMessageAsync(without, MessageChannel.Sms, "sms", "SM-nocb");
        await harness.Inner.InScopeAsync(async services =>
        {
            using var tenant = harness.Inner.CurrentTenant.Change(withCallback);
            return await services.GetRequiredService<IMessageCallbackAppService>()
                .SetAsync(new SetMessageCallbackDto { Url = "https://tenant.example.com/status" });
        });

        var a = ReceiptHarness.SignedReceipt(secretWith, "r-cb", "SM-cb", "failed", errorCode: "30005");
        var b = ReceiptHarness.SignedReceipt(secretWithout, "r-nocb", "SM-nocb", "delivered");
        await harness.ReceiveAsync("sms", a.Body, a.Headers);
        await harness.ReceiveAsync("sms", b.Body, b.Headers);

        var published = (await harness.StatusEventsAsync(withCallback)).Single();
        var eventData = System.Text.Json.JsonSerializer.Deserialize<Events.MessageStatusChangedEto>(published.Payload,
            Messaging.EventBus.OutboxMessageFactory.Json)!;
        eventData.MessageId.ShouldBe(message.Id);
        eventData.Status.ShouldBe(MessageStatus.Failed);
        eventData.FailureCode.ShouldBe("30005");
        eventData.ProviderMessageId.ShouldBe("SM-cb");
        eventData.Reason.ShouldBe("sms receipt: failed 30005: Unknown subscriber");
        (await harness.StatusEventsAsync(without)).ShouldBeEmpty();
    }

    [Fact]
    public async Task WhatsAppStatus_WithALoneSurrogate_IsAValidationError()
    {
        await using var harness = await ReceiptHarness.StartAsync();
        var body = WhatsAppBody(Status("wamid.\\ud800", "delivered", 1_700_000_001));

        await Should.ThrowAsync<InputValidationException>(() => harness.ReceiveAsync("whatsapp", body, HubSignature("any", body)));
    }

    [Fact]
    public async Task AThousandStatuses_AreLookedUpInOneQuery_WhetherOrNotTheyVerify()
    {
        await using var harness = await ReceiptHarness.StartAsync();
        var tenant = Guid.NewGuid();
        var appSecret = harness.Endpoints.Configure(tenant, MessageChannel.WhatsApp, "whatsapp");
        var known = new List<Message>();
        for (var i = 0; i < 5; i++)
        {
            known.Add(await harness.InsertSentMessageAsync(tenant, MessageChannel.WhatsApp, "whatsapp", $"wamid.known-{i}"));
        }

        var body = WhatsAppBody(Enumerable.Range(0, ReceiptConsts.MaxStatusesPerRequest)
            .Select(i => Status(i < known.Count ? $"wamid.known-{i}" : $"wamid.unknown-{i}", "delivered", 1_700_000_000 + i))
            .ToArray());
        using var queries = new SelectCounter(harness.Inner.ConnectionString);

        await Should.ThrowAsync<UnauthorizedException>(() => harness.ReceiveAsync("whatsapp", body, HubSignature("forged", body)));
        var unverifiedQueries = queries.Count;
        await Should.ThrowAsync<ServiceUnavailableException>(() => harness.ReceiveAsync("whatsapp", body, HubSignature(appSecret, body)));
        var verifiedQueries = queries.Count - unverifiedQueries;

        unverifiedQueries.ShouldBe(1, "one lookup of all the ids, then nothing for a signature that verifies for no tenant");
        verifiedQueries.ShouldBeLessThanOrEqualTo(3, "one lookup of the ids and one of the receipts already processed, however many statuses");
        foreach (var message in known)
        {
            (await harness.StoredAsync(message)).Status.ShouldBe(MessageStatus.Delivered);
        }
    }

    /// <summary>Counts the SELECT commands EF Core runs against one database while it is alive.</summary>
    private sealed class SelectCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _connectionString;
        private readonly IDisposable _listeners;
        private readonly List<IDisposable> _subscriptions = [];
        private int _count;

        public SelectCounter(string connectionString)
        {
            _connectionString = connectionString;
            _listeners = DiagnosticListener.AllListeners.Subscribe(this);
        }

        public int Count => Volatile.Read(ref _count);

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(listener.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> diagnostic)
        {
            if (diagnostic.Key == RelationalEventId.CommandExecuting.Name && diagnostic.Value is CommandEventData data
                && data.Command.Connection?.ConnectionString == _connectionString
                && data.Command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
            {
                Interlocked.Increment(ref _count);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            _listeners.Dispose();
            lock (_subscriptions)
            {
                _subscriptions.ForEach(subscription => subscription.Dispose());
            }
        }
    }

    private static string Status(string id, string status, long timestamp, string? errors = null) =>
        $$"""{"id":"{{id}}","status":"{{status}}","timestamp":"{{timestamp}}","recipient_id":"14155550123"{{(errors is null ? "" : ",\"errors\":" + errors)}}}""";

    private static byte[] WhatsAppBody(params string[] statuses)
    {
        const string head = """{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"statuses":[""";
        return Encoding.UTF8.GetBytes(head + string.Join(",", statuses) + "]}}]}]}");
    }

    private static Dictionary<string, string> HubSignature(string appSecret, byte[] body) => new()
    {
        [WhatsAppReceiptFormat.SignatureHeader] = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body))
    };
}
