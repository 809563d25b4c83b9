using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Messaging.TestSupport;
using MimeKit;

namespace Messaging;

/// <summary>
/// The Messages module's Email channel, delivered by the email queue through a tenant's SMTP server (the emulator) in a
/// host of its own: the message follows the same lifecycle as the other channels, to Sent or Failed.
/// </summary>
public class EmailChannelTests
{
    [Fact]
    public async Task AnEmailMessage_IsSentByTheEmailQueue_WithItsSubject_AndItsStatusEndsSent()
    {
        await using var context = await StartAsync();
        var (_, smtp, tenant) = context;

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
        await using var context = await StartAsync();
        var (_, smtp, tenant) = context;
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

    private static async Task<HostContext> StartAsync()
    {
        var database = new TestDatabase();
        var host = await HostProcess.StartAsync(database.File, new Dictionary<string, string>
        {
            // The emulator listens on loopback, which the SSRF guard refuses by default.
            ["Delivery__AllowPrivateNetworks"] = "true",
            ["EventBus__RelayPollInterval"] = "00:00:00.200"
        });
        var smtp = SmtpEmulator.Start();
        using var admin = host.Client(HostProcess.HostAdminKey);
        var (_, key) = await admin.CreateTenantAsync();
        var tenant = host.Client(key);
        using var settings = await tenant.PutAsJsonAsync("api/app/email-smtp-settings",
            new { host = "127.0.0.1", port = smtp.Port, tlsMode = "None", from = "shop@example.com" });
        await settings.JsonAsync(HttpStatusCode.OK);
        return new HostContext(database, host, smtp, tenant);
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

    private sealed record HostContext(TestDatabase Database, HostProcess Host, SmtpEmulator Smtp, HttpClient Tenant) : IAsyncDisposable
    {
        public void Deconstruct(out HostProcess host, out SmtpEmulator smtp, out HttpClient tenant) => (host, smtp, tenant) = (Host, Smtp, Tenant);

        public async ValueTask DisposeAsync()
        {
            Tenant.Dispose();
            await Smtp.DisposeAsync();
            await Host.DisposeAsync();
            Database.Dispose();
        }
    }
}
