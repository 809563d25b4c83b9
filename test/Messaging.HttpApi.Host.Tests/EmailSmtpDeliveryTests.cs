using System.Net;
using System.Net.Http.Json;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>Delivery through a tenant's SMTP server (the emulator) in a host of its own, which may reach loopback.</summary>
public class EmailSmtpDeliveryTests
{
    [Fact]
    public async Task AnUnknownMailbox_IsDeadLetteredAndSuppressed_AndAReplayAfterItsRemovalSendsIt()
    {
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File, new Dictionary<string, string>
        {
            // The emulator listens on loopback, which the SSRF guard refuses by default.
            ["Delivery__AllowPrivateNetworks"] = "true",
            ["EventBus__RelayPollInterval"] = "00:00:00.200"
        });
        await using var smtp = SmtpEmulator.Start();
        smtp.AnswerWith(550, "5.1.1 No such user");
        using var admin = host.Client(HostProcess.HostAdminKey);
        var (_, key) = await admin.CreateTenantAsync();
        using var tenant = host.Client(key);
        using var settings = await tenant.PutAsJsonAsync("api/app/email-smtp-settings",
            new { host = "127.0.0.1", port = smtp.Port, tlsMode = "None", userName = "shop", password = "secret", from = "shop@example.com" });
        var stored = await settings.JsonAsync(HttpStatusCode.OK);
        stored["hasPassword"]!.GetValue<bool>().ShouldBeTrue();
        stored.ContainsKey("password").ShouldBeFalse();
        // The emulator offers no authentication: the credentials are removed again, as a tenant would.
        using var cleared = await tenant.PutAsJsonAsync("api/app/email-smtp-settings",
            new { host = "127.0.0.1", port = smtp.Port, tlsMode = "None", userName = "", password = "", from = "shop@example.com" });
        (await cleared.JsonAsync(HttpStatusCode.OK))["hasPassword"]!.GetValue<bool>().ShouldBeFalse();

        var id = await EmailEventTests.PublishAsync(tenant, EmailEventTests.Welcome("gone@example.com"), null);
        var deadLetter = await EmailEventTests.StatusWhenAsync(tenant, id, "DeadLettered");
        using var listed = await tenant.GetAsync("api/app/email-event/dead-letters?code=5.1.1&errorClass=Permanent");
        using var suppressed = await tenant.GetAsync("api/app/email-suppression");

        deadLetter["lastErrorClass"]!.GetValue<string>().ShouldBe("Permanent");
        deadLetter["attempts"]!.AsArray().Single()!["serverAnswer"]!.GetValue<string>().ShouldContain("No such user");
        (await listed.JsonAsync(HttpStatusCode.OK))["items"]!.AsArray().Single()!["id"]!.GetValue<Guid>().ShouldBe(id);
        (await suppressed.JsonAsync(HttpStatusCode.OK))["items"]!.AsArray().Single()!["address"]!.GetValue<string>().ShouldBe("gone@example.com");

        var later = await EmailEventTests.PublishAsync(tenant, EmailEventTests.Welcome("gone@example.com"), null);
        await EmailEventTests.StatusWhenAsync(tenant, later, "Suppressed");
        smtp.Offered.ShouldBe(1);

        smtp.Accept();
        using var removed = await tenant.DeleteAsync("api/app/email-suppression/gone@example.com");
        removed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var replay = await tenant.PostAsync($"api/app/email-event/dead-letters/{id}/replay", null);
        (await replay.JsonAsync(HttpStatusCode.OK))["status"]!.GetValue<string>().ShouldBe("Queued");
        var sent = await EmailEventTests.StatusWhenAsync(tenant, id, "Sent");
        sent["attempts"]!.AsArray().Count.ShouldBe(2);
        smtp.Accepted.Count.ShouldBe(1);
    }
}
