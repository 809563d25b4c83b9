using System.Text;
using System.Text.Json.Nodes;
using Messaging.Infrastructure.Messages.Providers;
using Messaging.Infrastructure.Messages.Providers.Webhook;
using Messaging.Messages.Delivery;
using Messaging.ProviderEmulator;
using Messaging.Security;
using Messaging.TestSupport;

namespace Messaging.Messages.Providers;

public class WebhookSenderTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;
    private readonly WebhookSender _sender;

    public WebhookSenderTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Emulator.Reset();
        _sender = new WebhookSender(fixture.HttpClients, TimeProvider.System, EmulatorFixture.Logger<WebhookSender>());
    }

    private EmulatorServer Emulator => _fixture.Emulator;

    private OutgoingMessage Message(string path = "orders") =>
        EmulatorFixture.Message(MessageChannel.Webhook, Emulator.WebhookUrl(path).ToString(), """{"order":42}""", """{"region":"eu"}""", attempt: 2);

    [Fact]
    public async Task Send_PostsTheMessage_SignedSoTheReceiverCanVerifyIt()
    {
        var message = Message();

        var result = await _sender.SendAsync(message, _fixture.WebhookEndpoint(), CancellationToken.None);

        result.Outcome.ShouldBe(SendOutcome.Sent, result.Error);
        result.ProviderMessageId.ShouldBe(message.MessageId.ToString("N"));
        var received = Emulator.Received(EmulatorServer.Webhook).ShouldHaveSingleItem();
        received.Signature.ShouldBe(nameof(WebhookSignatureCheck.Valid));
        WebhookSignature.Verify(EmulatorFixture.SigningSecret, received.Headers[WebhookSignature.TimestampHeader],
                received.Headers[WebhookSignature.SignatureHeader], Encoding.UTF8.GetBytes(received.Body), DateTimeOffset.UtcNow)
            .ShouldBe(WebhookSignatureCheck.Valid);
        received.IdempotencyKey.ShouldBe(message.MessageId.ToString());
        var body = JsonNode.Parse(received.Body)!;
        body["messageId"]!.GetValue<Guid>().ShouldBe(message.MessageId);
        body["tenantId"]!.GetValue<Guid>().ShouldBe(message.TenantId);
        body["channel"]!.GetValue<string>().ShouldBe("Webhook");
        body["content"]!.GetValue<string>().ShouldBe("""{"order":42}""");
        body["metadata"]!["region"]!.GetValue<string>().ShouldBe("eu");
        body["attempt"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task Send_SignedWithAnotherSecret_IsRefusedByTheReceiver_AndFailsPermanently()
    {
        var result = await _sender.SendAsync(Message(), _fixture.WebhookEndpoint("another-secret-0123456789"), CancellationToken.None);

        result.Outcome.ShouldBe(SendOutcome.Permanent);
        result.ErrorCode.ShouldBe("http-401");
        Emulator.Received(EmulatorServer.Webhook).ShouldHaveSingleItem().Signature.ShouldBe(nameof(WebhookSignatureCheck.Mismatch));
    }

    [Fact]
    public async Task Send_WithoutASigningSecret_FailsPermanently_WithoutCalling()
    {
        var result = await _sender.SendAsync(Message(), _fixture.WebhookEndpoint(secret: null), CancellationToken.None);

        result.Outcome.ShouldBe(SendOutcome.Permanent);
        result.ErrorCode.ShouldBe("not-configured");
        Emulator.Received().ShouldBeEmpty();
    }

    [Fact]
    public async Task Send_WhenTheReceiverThrottles_RespectsRetryAfter()
    {
        Emulator.Throttle(TimeSpan.FromSeconds(12), provider: EmulatorServer.Webhook);

        var result = await _sender.SendAsync(Message(), _fixture.WebhookEndpoint(), CancellationToken.None);

        result.Outcome.ShouldBe(SendOutcome.Throttled);
        result.ErrorCode.ShouldBe("http-429");
        result.RetryAfter.ShouldBe(TimeSpan.FromSeconds(12));
    }

    [Theory]
    [InlineData(500, SendOutcome.Transient)]
    [InlineData(502, SendOutcome.Transient)]
    [InlineData(503, SendOutcome.Transient)]
    [InlineData(408, SendOutcome.Transient)]
    [InlineData(404, SendOutcome.Permanent)]
    [InlineData(410, SendOutcome.Permanent)]
    [InlineData(400, SendOutcome.Permanent)]
    public async Task Send_ClassifiesTheReceiversStatus(int status, SendOutcome expected)
    {
        Emulator.FailWith(status, provider: EmulatorServer.Webhook);

        var result = await _sender.SendAsync(Message(), _fixture.WebhookEndpoint(), CancellationToken.None);

        result.Outcome.ShouldBe(expected);
        result.ErrorCode.ShouldBe($"http-{status}");
    }

    [Fact]
    public async Task Send_WhenTheReceiverIsTooSlow_IsTransient_AsATimeout()
    {
        Emulator.SlowDown(EmulatorFixture.ClientTimeout * 10, EmulatorServer.Webhook);

        var result = await _sender.SendAsync(Message(), _fixture.WebhookEndpoint(), CancellationToken.None);

        result.Outcome.ShouldBe(SendOutcome.Transient);
        result.ErrorCode.ShouldBe("timeout");
    }

    [Fact]
    public void Classify_A503WithRetryAfter_IsThrottling_NotAFailure()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(30));

        var result = WebhookSender.Classify(new ProviderResponse(response.StatusCode, "", response.Headers, TimeSpan.FromSeconds(30)), "id");

        result.Outcome.ShouldBe(SendOutcome.Throttled);
        result.RetryAfter.ShouldBe(TimeSpan.FromSeconds(30));
    }
}
