using CsCheck;
using Messaging.Messages.EventHandlers;

namespace Messaging.Messages;

/// <summary>The subject an Email message is sent with: its <c>subject</c> metadata, else its content's first line, cut to one short line.</summary>
public class EmailSubjectTests
{
    private static Message Email(string content, string? metadataJson = null) =>
        Message.Accept(Guid.NewGuid(), MessageChannel.Email, "someone@example.com", content, MessagePriority.Normal, metadataJson, null, DateTime.UtcNow);

    [Fact]
    public void TheSubjectMetadata_IsTheSubject()
    {
        QueueAcceptedMessageHandler.SubjectOf(Email("body", """{"subject":"  Order 42 shipped ","orderId":"42"}""")).ShouldBe("Order 42 shipped");
        QueueAcceptedMessageHandler.SubjectOf(Email("body\nmore", """{"orderId":"42"}""")).ShouldBe("body");
        QueueAcceptedMessageHandler.SubjectOf(Email("body", """{"subject":"  "}""")).ShouldBe("body");
    }

    [Fact]
    public void WithoutIt_TheFirstLine_IsCutToOneShortLine()
    {
        QueueAcceptedMessageHandler.SubjectOf(Email("\n  Hello there  \r\nsecond line")).ShouldBe("Hello there");
        var cut = QueueAcceptedMessageHandler.SubjectOf(Email(new string('x', 200)));
        cut.Length.ShouldBe(QueueAcceptedMessageHandler.DerivedSubjectLength);
        cut.ShouldEndWith("…");
    }

    [Fact]
    public void AnyContent_GivesASubjectOfOneLineWithinTheLimit()
    {
        Gen.String.Where(content => content.Trim().Length > 0).Sample(content =>
        {
            var subject = QueueAcceptedMessageHandler.SubjectOf(Email(content));
            subject.Length.ShouldBeLessThanOrEqualTo(QueueAcceptedMessageHandler.DerivedSubjectLength);
            subject.ShouldNotContain('\n');
            subject.ShouldNotContain('\r');
        });
    }
}
