using System.Text;
using Messaging.Infrastructure.Messages.Providers.Twilio;
using Messaging.Messages.Delivery;
using Messaging.ProviderEmulator;
using Messaging.TestSupport;
using Microsoft.AspNetCore.WebUtilities;

namespace Messaging.Messages.Providers;

public class TwilioSmsSenderTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;
    private readonly TwilioSmsSender _sender;

    public TwilioSmsSenderTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Emulator.Reset();
        _sender = new TwilioSmsSender(fixture.HttpClients, TimeProvider.System, EmulatorFixture.Logger<TwilioSmsSender>());
    }

    private EmulatorServer Emulator => _fixture.Emulator;

    [Fact]
    public async Task Send_WhenCreated_IsSentWithTheMessageSid_AsAFormPostWithBasicAuth()
    {
        var message = EmulatorFixture.Message(MessageChannel.Sms, "+14155550123", "Your code is 123456");

        var result = await _sender.SendAsync(message, _fixture.SmsEndpoint(), CancellationToken.None);

        result.Outcome.ShouldBe(SendOutcome.Sent, result.Error);
        result.ProviderMessageId.ShouldStartWith("SM");
        var received = Emulator.Received(EmulatorServer.Sms).ShouldHaveSingleItem();
        received.Status.ShouldBe(201);
        received.Path.ShouldBe($"/2010-04-01/Accounts/{EmulatorFixture.AccountSid}/Messages.json");
        received.Headers["Authorization"].ShouldBe("Basic " + Convert.ToBase64String(
            Encoding.UTF8.GetBytes($"{EmulatorFixture.AccountSid}:{EmulatorFixture.AuthToken}")));
        received.Headers[TwilioSmsSender.IdempotencyHeader].ShouldBe(message.MessageId.ToString());
        var form = QueryHelpers.ParseQuery(received.Body);
        form["To"].ToString().ShouldBe("+14155550123");
        form["From"].ToString().ShouldBe(EmulatorFixture.SenderNumber);
        form["Body"].ToString().ShouldBe("Your code is 123456");
    }

    [Fact]
    public async Task Send_FromAMessagingService_NamesItInsteadOfAFromNumber()
    {
        await _sender.SendAsync(EmulatorFixture.Message(MessageChannel.Sms, "+14155550123"),
            _fixture.SmsEndpoint(sender: "MG0123456789abcdef0123456789abcdef"), CancellationToken.None);

        var form = QueryHelpers.ParseQuery(Emulator.Received(EmulatorServer.Sms).ShouldHaveSingleItem().Body);
        form["MessagingServiceSid"].ToString().ShouldBe("MG0123456789abcdef0123456789abcdef");
        form.ContainsKey("From").ShouldBeFalse();
    }

    [Fact]
    public async Task Send_RepeatedForTheSameMessage_IsTakenOnce()
    {
        var message = EmulatorFixture.Message(MessageChannel.Sms, "+14155550123");

        var first = await _sender.SendAsync(message, _fixture.SmsEndpoint(), CancellationToken.None);
        var retry = await _sender.SendAsync(message with { Attempt = 2 }, _fixture.SmsEndpoint(), CancellationToken.None);

        retry.ProviderMessageId.ShouldBe(first.ProviderMessageId);
        Emulator.Received(EmulatorServer.Sms).Count(r => r.Accepted).ShouldBe(1);
    }

    [Fact]
    public async Task Send_ToAnInvalidNumber_FailsPermanently_WithTwiliosCode()
    {
        var result = await _sender.SendAsync(EmulatorFixture.Message(MessageChannel.Sms, "+0123"), _fixture.SmsEndpoint(), CancellationToken.None);

        result.Outcome.ShouldBe(SendOutcome.Permanent);
        result.ErrorCode.ShouldBe("21211");
        result.Error.ShouldNotBeNull().ShouldContain("not a valid phone number");
    }

    [Fact]
    public async Task Send_WithARefusedAuthToken_FailsPermanently()
    {
        var result = await _sender.SendAsync(EmulatorFixture.Message(MessageChannel.Sms, "+14155550123"),
            _fixture.SmsEndpoint(authToken: "wrong-token"), CancellationToken.None);

        result.Outcome.ShouldBe(SendOutcome.Permanent);
        result.ErrorCode.ShouldBe("20003");
    }

    [Fact]
    public async Task Send_WhenThrottled_RespectsRetryAfter()
    {
        Emulator.Throttle(TimeSpan.FromSeconds(3), provider: EmulatorServer.Sms);

        var result = await _sender.SendAsync(EmulatorFixture.Message(MessageChannel.Sms, "+14155550123"), _fixture.SmsEndpoint(), CancellationToken.None);

        result.Outcome.ShouldBe(SendOutcome.Throttled);
        result.ErrorCode.ShouldBe("20429");
        result.RetryAfter.ShouldBe(TimeSpan.FromSeconds(3));
    }

    [Theory]
    [InlineData(500, null, SendOutcome.Transient, "20500")]
    [InlineData(503, null, SendOutcome.Transient, "20503")]
    [InlineData(400, "14107", SendOutcome.Throttled, "14107")]
    [InlineData(400, "21610", SendOutcome.Permanent, "21610")]
    [InlineData(400, "21408", SendOutcome.Permanent, "21408")]
    [InlineData(404, null, SendOutcome.Permanent, "20404")]
    public async Task Send_ClassifiesTheErrorCode(int status, string? code, SendOutcome expected, string expectedCode)
    {
        Emulator.FailWith(status, count: 1, provider: EmulatorServer.Sms, errorCode: code);

        var result = await _sender.SendAsync(EmulatorFixture.Message(MessageChannel.Sms, "+14155550123"), _fixture.SmsEndpoint(), CancellationToken.None);

        result.Outcome.ShouldBe(expected);
        result.ErrorCode.ShouldBe(expectedCode);
    }

    [Fact]
    public async Task Send_AfterTheNextKFailures_GoesThroughAgain()
    {
        Emulator.FailWith(503, count: 2, provider: EmulatorServer.Sms);
        var message = EmulatorFixture.Message(MessageChannel.Sms, "+14155550123");

        var outcomes = new List<SendOutcome>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            outcomes.Add((await _sender.SendAsync(message with { Attempt = attempt }, _fixture.SmsEndpoint(), CancellationToken.None)).Outcome);
        }

        outcomes.ShouldBe([SendOutcome.Transient, SendOutcome.Transient, SendOutcome.Sent]);
    }

    [Fact]
    public void Settings_WantTheCredentialAsAccountSidColonAuthToken()
    {
        _sender.Settings.CredentialProblem("AC123:token").ShouldBeNull();
        _sender.Settings.CredentialProblem("just-a-token").ShouldNotBeNull().ShouldNotContain("just-a-token");
    }
}
