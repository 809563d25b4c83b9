using System.Net.Sockets;
using System.Text.Json.Nodes;
using Messaging.Infrastructure.Messages.Providers;
using Messaging.Infrastructure.Messages.Providers.WhatsApp;
using Messaging.Messages.Delivery;
using Messaging.ProviderEmulator;
using Messaging.TestSupport;

namespace Messaging.Messages.Providers;

public class WhatsAppCloudApiSenderTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;
    private readonly WhatsAppCloudApiSender _sender;

    public WhatsAppCloudApiSenderTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Emulator.Reset();
        _sender = new WhatsAppCloudApiSender(fixture.HttpClients, EmulatorFixture.Options(), TimeProvider.System,
            EmulatorFixture.Logger<WhatsAppCloudApiSender>());
    }

    private EmulatorServer Emulator => _fixture.Emulator;

    [Fact]
    public async Task Send_WhenAccepted_IsSentWithTheWamid_InTheCloudApiShape()
    {
        var message = EmulatorFixture.Message(MessageChannel.WhatsApp, "+14155550123", "Your order shipped");

        var result = await _sender.SendAsync(message, _fixture.WhatsAppEndpoint(), CancellationToken.None);

        result.Outcome.ShouldBe(SendOutcome.Sent, result.Error);
        result.ProviderMessageId.ShouldStartWith("wamid.");
        var received = Emulator.Received(EmulatorServer.WhatsApp).ShouldHaveSingleItem();
        received.Path.ShouldBe($"/v23.0/{EmulatorFixture.PhoneNumberId}/messages");
        received.Headers["Authorization"].ShouldBe($"Bearer {EmulatorFixture.WhatsAppToken}");
        received.IdempotencyKey.ShouldBe(message.MessageId.ToString());
        var body = JsonNode.Parse(received.Body)!;
        body["messaging_product"]!.GetValue<string>().ShouldBe("whatsapp");
        body["recipient_type"]!.GetValue<string>().ShouldBe("individual");
        body["to"]!.GetValue<string>().ShouldBe("14155550123");
        body["type"]!.GetValue<string>().ShouldBe("text");
        body["text"]!["body"]!.GetValue<string>().ShouldBe("Your order shipped");
        body["biz_opaque_callback_data"]!.GetValue<string>().ShouldBe(message.MessageId.ToString());
    }

    [Fact]
    public async Task Send_RepeatedForTheSameMessage_CarriesTheSameIdempotencyKey_SoItIsTakenOnce()
    {
        var message = EmulatorFixture.Message(MessageChannel.WhatsApp, "+14155550123");

        var first = await _sender.SendAsync(message, _fixture.WhatsAppEndpoint(), CancellationToken.None);
        var retry = await _sender.SendAsync(message with { Attempt = 2 }, _fixture.WhatsAppEndpoint(), CancellationToken.None);

        retry.ProviderMessageId.ShouldBe(first.ProviderMessageId);
        Emulator.Received(EmulatorServer.WhatsApp).Count(r => r.Accepted).ShouldBe(1);
    }

    [Fact]
    public async Task Send_WithARefusedAccessToken_FailsPermanently()
    {
        var result = await _sender.SendAsync(EmulatorFixture.Message(MessageChannel.WhatsApp, "+14155550123"),
            _fixture.WhatsAppEndpoint(token: "expired-token"), CancellationToken.None);

        result.Outcome.ShouldBe(SendOutcome.Permanent);
        result.ErrorCode.ShouldBe("190");
        result.Error.ShouldNotBeNull().ShouldNotContain("expired-token");
    }

    [Theory]
    [InlineData(400, "131026", SendOutcome.Permanent)]
    [InlineData(400, "131051", SendOutcome.Permanent)]
    [InlineData(400, "100", SendOutcome.Permanent)]
    [InlineData(400, "131047", SendOutcome.Permanent)]
    [InlineData(500, "131000", SendOutcome.Transient)]
    [InlineData(503, "131016", SendOutcome.Transient)]
    [InlineData(500, "1", SendOutcome.Transient)]
    [InlineData(400, "131056", SendOutcome.Throttled)]
    [InlineData(400, "80007", SendOutcome.Throttled)]
    [InlineData(429, "130429", SendOutcome.Throttled)]
    [InlineData(502, "999999", SendOutcome.Transient)]
    [InlineData(404, "999999", SendOutcome.Permanent)]
    public async Task Send_ClassifiesTheGraphApiErrorCode(int status, string code, SendOutcome expected)
    {
        Emulator.FailWith(status, provider: EmulatorServer.WhatsApp, errorCode: code);

        var result = await _sender.SendAsync(EmulatorFixture.Message(MessageChannel.WhatsApp, "+14155550123"), _fixture.WhatsAppEndpoint(),
            CancellationToken.None);

        result.Outcome.ShouldBe(expected);
        result.ErrorCode.ShouldBe(code);
        result.ProviderMessageId.ShouldBeNull();
    }

    [Fact]
    public async Task Send_WhenThrottled_RespectsTheProvidersRetryAfter()
    {
        Emulator.Throttle(TimeSpan.FromSeconds(7), count: 1);
        var message = EmulatorFixture.Message(MessageChannel.WhatsApp, "+14155550123");

        var throttled = await _sender.SendAsync(message, _fixture.WhatsAppEndpoint(), CancellationToken.None);
        var later = await _sender.SendAsync(message, _fixture.WhatsAppEndpoint(), CancellationToken.None);

        throttled.Outcome.ShouldBe(SendOutcome.Throttled);
        throttled.ErrorCode.ShouldBe("130429");
        throttled.RetryAfter.ShouldBe(TimeSpan.FromSeconds(7));
        later.Outcome.ShouldBe(SendOutcome.Sent);
    }

    [Fact]
    public async Task Send_WhenTheProviderIsTooSlow_IsTransient_AsATimeout()
    {
        Emulator.SlowDown(EmulatorFixture.ClientTimeout * 10);

        var result = await _sender.SendAsync(EmulatorFixture.Message(MessageChannel.WhatsApp, "+14155550123"), _fixture.WhatsAppEndpoint(),
            CancellationToken.None);

        result.Outcome.ShouldBe(SendOutcome.Transient);
        result.ErrorCode.ShouldBe("timeout");
    }

    [Fact]
    public async Task Send_WhenNothingListens_IsTransient_AsUnreachable()
    {
        var closed = new Uri($"http://127.0.0.1:{ClosedPort()}/");

        var result = await _sender.SendAsync(EmulatorFixture.Message(MessageChannel.WhatsApp, "+14155550123"),
            _fixture.WhatsAppEndpoint() with { BaseUrl = closed }, CancellationToken.None);

        result.Outcome.ShouldBe(SendOutcome.Transient);
        result.ErrorCode.ShouldBe(ProviderHttp.UnreachableCode);
    }

    [Fact]
    public async Task Send_WhenTheCallerCancels_Throws()
    {
        Emulator.SlowDown(TimeSpan.FromSeconds(30));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Should.ThrowAsync<OperationCanceledException>(() =>
            _sender.SendAsync(EmulatorFixture.Message(MessageChannel.WhatsApp, "+14155550123"), _fixture.WhatsAppEndpoint(), cancellation.Token));
    }

    [Fact]
    public async Task Send_WithoutAPhoneNumberId_FailsPermanently_WithoutCalling()
    {
        var result = await _sender.SendAsync(EmulatorFixture.Message(MessageChannel.WhatsApp, "+14155550123"),
            _fixture.WhatsAppEndpoint() with { SenderId = null }, CancellationToken.None);

        result.Outcome.ShouldBe(SendOutcome.Permanent);
        result.ErrorCode.ShouldBe("not-configured");
        Emulator.Received().ShouldBeEmpty();
    }

    [Theory]
    [InlineData(4, 400, SendOutcome.Throttled)]
    [InlineData(613, 400, SendOutcome.Throttled)]
    [InlineData(131048, 400, SendOutcome.Throttled)]
    [InlineData(2, 503, SendOutcome.Transient)]
    [InlineData(131049, 400, SendOutcome.Transient)]
    [InlineData(190, 401, SendOutcome.Permanent)]
    [InlineData(10, 403, SendOutcome.Permanent)]
    [InlineData(200, 403, SendOutcome.Permanent)]
    [InlineData(132001, 400, SendOutcome.Permanent)]
    [InlineData(190, 500, SendOutcome.Permanent)]
    public void Classifier_SortsMetasCodesBeforeTheHttpStatus(int code, int status, SendOutcome expected)
    {
        WhatsAppErrorClassifier.Classify(status, code, "details", null).Outcome.ShouldBe(expected);
    }

    [Theory]
    [InlineData(429, SendOutcome.Throttled)]
    [InlineData(408, SendOutcome.Transient)]
    [InlineData(500, SendOutcome.Transient)]
    [InlineData(400, SendOutcome.Permanent)]
    public void Classifier_WithoutACode_GoesByTheHttpStatus(int status, SendOutcome expected)
    {
        var result = WhatsAppErrorClassifier.Classify(status, null, null, null);

        result.Outcome.ShouldBe(expected);
        result.ErrorCode.ShouldBe($"http-{status}");
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
