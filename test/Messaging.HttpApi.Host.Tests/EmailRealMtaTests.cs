using Messaging.TestSupport;

namespace Messaging;

/// <summary>
/// The happy path and a refusal against a real MTA's SMTP server (Postfix's smtp-sink), not only the tests' emulator:
/// what MailKit says is what Postfix understands, and what Postfix answers is classified as the table says.
/// </summary>
[Collection(MailHostCollection.Name)]
public class EmailRealMtaTests(MailHost mailHost)
{
    [Fact]
    public async Task Postfix_AcceptsTheEmailWithItsMessageId_AndARefusedRecipientIsDeadLetteredAsPermanent()
    {
        await using var accepting = await PostfixSmtpSink.StartAsync();
        await using var refusing = await PostfixSmtpSink.StartAsync("RCPT");
        using var tenant = await mailHost.CreateTenantAsync(accepting.Port);
        using var refused = await mailHost.CreateTenantAsync(refusing.Port);

        var sentId = await EmailEventTests.PublishAsync(tenant, EmailEventTests.Welcome("ada@example.com"), null);
        var refusedId = await EmailEventTests.PublishAsync(refused, EmailEventTests.Welcome("bo@example.com"), null);
        var sent = await EmailEventTests.StatusWhenAsync(tenant, sentId, "Sent");
        var deadLetter = await EmailEventTests.StatusWhenAsync(refused, refusedId, "DeadLettered");

        var mail = accepting.Mails.ShouldHaveSingleItem();
        mail.ShouldContain("X-Rcpt-Args: <ada@example.com>");
        mail.ShouldContain("X-Mail-Args: <shop@example.com>");
        mail.ShouldContain($"Message-Id: <{sentId:N}@example.com>");
        mail.ShouldContain("Subject: Welcome");
        var delivered = sent["attempts"]!.AsArray().ShouldHaveSingleItem()!;
        delivered["errorClass"].ShouldBeNull();
        delivered["serverAnswer"]!.GetValue<string>().ShouldContain("2.0.0");
        var attempt = deadLetter["attempts"]!.AsArray().ShouldHaveSingleItem()!;
        attempt["errorClass"]!.GetValue<string>().ShouldBe("Permanent");
        attempt["serverAnswer"]!.GetValue<string>().ShouldContain("5.3.0");
        refusing.Mails.ShouldBeEmpty();
    }
}
