using Messaging.Messages;

namespace Messaging.Messages;

public class SendOneWayMessageValidatorTests
{
    [Theory]
    [InlineData(MessageChannel.Sms, "+14155550123")]
    [InlineData(MessageChannel.WhatsApp, "+447911123456")]
    [InlineData(MessageChannel.Email, "someone@example.com")]
    [InlineData(MessageChannel.Webhook, "https://hooks.example.com/in?x=1")]
    public void ValidRecipientForItsChannel_HasNoErrors(MessageChannel channel, string recipient)
    {
        var errors = SendOneWayMessageValidator.Validate(Input(channel, recipient), "key-1");

        errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(MessageChannel.Sms, "4155550123")]
    [InlineData(MessageChannel.Sms, "+0155550123")]
    [InlineData(MessageChannel.WhatsApp, "+1 415 555 0123")]
    [InlineData(MessageChannel.WhatsApp, "+1234567890123456")]
    [InlineData(MessageChannel.Email, "not-an-address")]
    [InlineData(MessageChannel.Email, "Someone <someone@example.com>")]
    [InlineData(MessageChannel.Email, "someone@localhost")]
    [InlineData(MessageChannel.Webhook, "http://hooks.example.com/in")]
    [InlineData(MessageChannel.Webhook, "/relative/path")]
    public void RecipientThatDoesNotFitItsChannel_IsReported(MessageChannel channel, string recipient)
    {
        var errors = SendOneWayMessageValidator.Validate(Input(channel, recipient), null);

        errors.Keys.ShouldBe(["recipient"]);
    }

    [Fact]
    public void EmptyRequest_ListsEveryMissingField()
    {
        var errors = SendOneWayMessageValidator.Validate(new SendOneWayMessageDto(), null);

        errors.Keys.ShouldBe(["channel", "recipient", "content"], ignoreOrder: true);
    }

    [Theory]
    [InlineData(MessageChannel.Sms, 1_600)]
    [InlineData(MessageChannel.WhatsApp, 4_096)]
    public void Content_IsLimitedPerChannel(MessageChannel channel, int limit)
    {
        var atLimit = Input(channel, "+14155550123", new string('x', limit));
        var overLimit = Input(channel, "+14155550123", new string('x', limit + 1));

        SendOneWayMessageValidator.Validate(atLimit, null).ShouldBeEmpty();
        SendOneWayMessageValidator.Validate(overLimit, null).Keys.ShouldBe(["content"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("ünïcode")]
    public void MalformedIdempotencyKey_IsReported(string key)
    {
        var errors = SendOneWayMessageValidator.Validate(Input(MessageChannel.Sms, "+14155550123"), key);

        errors.Keys.ShouldBe([SendOneWayMessageValidator.IdempotencyKeyField]);
    }

    [Fact]
    public void TooLongIdempotencyKey_IsReported()
    {
        var errors = SendOneWayMessageValidator.Validate(Input(MessageChannel.Sms, "+14155550123"), new string('k', 129));

        errors.Keys.ShouldBe([SendOneWayMessageValidator.IdempotencyKeyField]);
    }

    [Fact]
    public void Metadata_IsBoundedInEntriesAndSizes()
    {
        var input = Input(MessageChannel.Sms, "+14155550123");
        input.Metadata = Enumerable.Range(0, 17).ToDictionary(i => $"k{i}", i => "v");
        input.Metadata["long"] = new string('v', 513);

        var errors = SendOneWayMessageValidator.Validate(input, null);

        errors["metadata"].Length.ShouldBe(2);
    }

    private static SendOneWayMessageDto Input(MessageChannel channel, string recipient, string content = "hello") =>
        new() { Channel = channel, Recipient = recipient, Content = content };
}
