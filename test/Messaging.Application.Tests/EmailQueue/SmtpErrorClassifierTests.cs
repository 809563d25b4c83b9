namespace Messaging.EmailQueue;

/// <summary>The classification table, code by code: the most specific entry wins.</summary>
public class SmtpErrorClassifierTests
{
    private static readonly SmtpErrorClassifier Classifier = new();

    [Theory]
    [InlineData(550, "5.1.1", EmailErrorClass.Permanent, true)]
    [InlineData(550, "5.1.10", EmailErrorClass.Permanent, true)]
    [InlineData(550, "5.2.1", EmailErrorClass.Permanent, false)]
    [InlineData(552, "5.2.2", EmailErrorClass.Transient, false)]
    [InlineData(554, "5.7.1", EmailErrorClass.Permanent, false)]
    [InlineData(550, "5.7.26", EmailErrorClass.Permanent, false)]
    [InlineData(553, "5.1.3", EmailErrorClass.Permanent, false)]
    [InlineData(451, "4.4.5", EmailErrorClass.Throttled, false)]
    [InlineData(450, "4.7.0", EmailErrorClass.Throttled, false)]
    [InlineData(421, null, EmailErrorClass.Throttled, false)]
    [InlineData(421, "4.3.2", EmailErrorClass.Throttled, false)]
    [InlineData(451, null, EmailErrorClass.Throttled, false)]
    [InlineData(451, "4.3.0", EmailErrorClass.Throttled, false)]
    [InlineData(450, null, EmailErrorClass.Transient, false)]
    [InlineData(450, "4.2.0", EmailErrorClass.Transient, false)]
    [InlineData(452, "4.3.1", EmailErrorClass.Transient, false)]
    [InlineData(454, null, EmailErrorClass.Transient, false)]
    [InlineData(550, null, EmailErrorClass.Permanent, false)]
    [InlineData(551, null, EmailErrorClass.Permanent, false)]
    [InlineData(552, null, EmailErrorClass.Permanent, false)]
    [InlineData(553, null, EmailErrorClass.Permanent, false)]
    [InlineData(554, null, EmailErrorClass.Permanent, false)]
    [InlineData(535, "5.7.8", EmailErrorClass.Permanent, false)]
    [InlineData(250, null, EmailErrorClass.Transient, false)]
    [InlineData(354, null, EmailErrorClass.Transient, false)]
    public void EachCode_HasItsClass(int reply, string? enhanced, EmailErrorClass expected, bool suppresses)
    {
        var verdict = Classifier.Classify(EmailSendResult.Refused(reply, enhanced, "server says no"));

        verdict.Class.ShouldBe(expected);
        verdict.Suppresses.ShouldBe(suppresses);
    }

    [Fact]
    public void NoReplyAtAll_IsTransient() =>
        Classifier.Classify(EmailSendResult.Unreachable("connection refused")).ShouldBe(new SmtpClassification(EmailErrorClass.Transient, false));

    [Fact]
    public void ConfiguredEntries_ReplaceAndExtendTheDefaults()
    {
        var classifier = new SmtpErrorClassifier([new SmtpClassificationRule("5.7.26", EmailErrorClass.Transient), new SmtpClassificationRule("421", EmailErrorClass.Transient)]);

        classifier.Classify(EmailSendResult.Refused(550, "5.7.26", "DMARC")).Class.ShouldBe(EmailErrorClass.Transient);
        classifier.Classify(EmailSendResult.Refused(421, null, "bye")).Class.ShouldBe(EmailErrorClass.Transient);
        classifier.Classify(EmailSendResult.Refused(550, "5.1.1", "unknown")).Class.ShouldBe(EmailErrorClass.Permanent);
    }

    [Fact]
    public void EveryDefaultEntry_IsReachable()
    {
        foreach (var rule in SmtpErrorClassifier.Defaults)
        {
            var (reply, enhanced) = rule.Code switch
            {
                ['4' or '5', 'x', 'x'] => (rule.Code[0] == '4' ? 499 : 599, (string?)null),
                [_, _, _] when char.IsAsciiDigit(rule.Code[1]) => (int.Parse(rule.Code), null),
                _ => (int.Parse(rule.Code[..1]) * 100 + 99, rule.Code.Replace("x", "999"))
            };
            Classifier.Classify(EmailSendResult.Refused(reply, enhanced, "")).Class.ShouldBe(rule.Class, rule.Code);
        }
    }
}
