using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Messaging.TestSupport;
using MimeKit;

namespace Messaging;

/// <summary>
/// The Messages module's Email channel, delivered by the email queue through a tenant's SMTP server (the emulator) in a
/// host shared with the other mail tests: the message follows the same lifecycle as the other channels, to Sent or Failed.
/// </summary>
[Collection(MailHostCollection.Name)]
public class EmailChannelTests(MailHost mailHost)
{
    [Fact]
    public async Task AnEmailMessage_IsSentByTheEmailQueue_WithItsSubject_AndItsStatusEndsSent()
    {
        await using var smtp = SmtpEmulator.Start();
        using var tenant = await mailHost.CreateTenantAsync(smtp.Port);

        var trackingId = await tenant.SendAcceptedAsync(new
        {
            recipient = "someone@example.com", channel = "Email", content = "Your order shipped.\nIt arrives on Monday.",
            metadata = new { subject = "Order 42 shipped" }
        });
        var untitled = await tenant.SendAcceptedAsync(new { recipient = "other@example.com", channel = "Email", content = "First line\nsecond line" });

        var sent = await StatusWhenAsync(tenant, trackingId, "Sent");
        await StatusWhenAsync(tenant, untitled, "Sent");
        Statuses(sent).ShouldBe(["Accepted", "Queued", "Sending", "Sent"]);
        sent["providerName"]!.GetValue<string>().ShouldBe("email");
        var emails = smtp.Accepted.Select(bytes => MimeMessage.Load(new MemoryStream(bytes))).ToList();
        emails.Count.ShouldBe(2);
        var email = emails.Single(e => e.To.Mailboxes.Single().Address == "someone@example.com");
        email.Subject.ShouldBe("Order 42 shipped");
        email.TextBody.ShouldNotBeNull().ShouldContain("It arrives on Monday.");
        sent["providerMessageId"]!.GetValue<string>().ShouldBe(email.MessageId, "the provider's id is the Message-ID the receivers saw");
        emails.Single(e => e.To.Mailboxes.Single().Address == "other@example.com").Subject.ShouldBe("First line");
    }

    [Fact]
    public async Task AnEmailMessageToAnUnknownMailbox_EndsFailed_WithTheServersCode_AndCannotBeCancelled()
    {
        await using var smtp = SmtpEmulator.Start();
        using var tenant = await mailHost.CreateTenantAsync(smtp.Port);
        smtp.AnswerWith(550, "5.1.1 No such user");

        var trackingId = await tenant.SendAcceptedAsync(new { recipient = "gone@example.com", channel = "Email", content = "hello" });

        var failed = await StatusWhenAsync(tenant, trackingId, "Failed");
        Statuses(failed).ShouldBe(["Accepted", "Queued", "Sending", "Failed"]);
        failed["failureCode"]!.GetValue<string>().ShouldBe("smtp.5.1.1");
        failed["history"]!.AsArray()[^1]!["reason"]!.GetValue<string>().ShouldContain("No such user");
        using var cancel = await tenant.PostAsync($"api/app/message/{trackingId}/cancel", null);
        (await cancel.ProblemAsync(HttpStatusCode.Conflict))["messageStatus"]!.GetValue<string>().ShouldBe("Failed");

        // The address is now suppressed: the next message to it fails without a call to the server.
        var next = await tenant.SendAcceptedAsync(new { recipient = "gone@example.com", channel = "Email", content = "hello again" });
        (await StatusWhenAsync(tenant, next, "Failed"))["failureCode"]!.GetValue<string>().ShouldBe("email.suppressed");
        smtp.Offered.ShouldBe(1);
    }

    private static async Task<JsonObject> StatusWhenAsync(HttpClient tenant, Guid trackingId, string expected)
    {
        JsonObject? status = null;
        await Eventually.TrueAsync(async () =>
        {
            using var response = await tenant.GetAsync($"api/app/message/{trackingId}/status");
            status = await response.JsonAsync(HttpStatusCode.OK);
            return status["status"]!.GetValue<string>() == expected;
        }, TimeSpan.FromSeconds(30), $"the message is {expected}");
        return status!;
    }

    private static IEnumerable<string> Statuses(JsonObject status) =>
        status["history"]!.AsArray().Select(h => h!["status"]!.GetValue<string>());
}
