using System.Net;
using System.Net.Http.Json;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>Delivery through a tenant's SMTP server (the emulator) from a host that may reach loopback.</summary>
[Collection(MailHostCollection.Name)]
public class EmailSmtpDeliveryTests(MailHost mailHost)
{
    [Fact]
    public async Task AnUnknownMailbox_IsDeadLetteredAndSuppressed_AndAReplayAfterItsRemovalSendsIt()
    {
        await using var smtp = SmtpEmulator.Start();
        smtp.AnswerWith(550, "5.1.1 No such user");
        using var tenant = await mailHost.CreateTenantAsync();
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

    /// <summary>
    /// Seed property 14: a host killed with SIGKILL while its worker waits on the server's answer loses nothing. The
    /// restarted host sends the event after the dead worker's lease, with the same Message-ID.
    /// </summary>
    [Fact]
    public async Task AnEventInFlightWhenTheHostIsKilled_IsSentAfterTheRestart_WithTheSameMessageId()
    {
        using var database = new TestDatabase();
        var settings = new Dictionary<string, string>
        {
            ["Delivery__AllowPrivateNetworks"] = "true",
            ["EventBus__RelayPollInterval"] = "00:00:00.200",
            // A lease of SendTimeout x 1 round + the margin: the restarted host takes the event over after 8 s.
            ["EmailQueue__SendTimeout"] = "00:00:05",
            ["EmailQueue__ClaimMargin"] = "00:00:03",
            ["EmailQueue__BatchSize"] = "1",
            ["EmailQueue__MaxConcurrentSends"] = "1"
        };
        await using var smtp = SmtpEmulator.Start();
        smtp.Stall();
        string key;
        Guid id;
        await using (var first = await HostProcess.StartAsync(database.File, settings))
        {
            using var admin = first.Client(HostProcess.HostAdminKey);
            Guid tenantId;
            (tenantId, key) = await admin.CreateTenantAsync();
            // The status is polled for over a minute.
            await admin.OverrideRateLimitAsync(tenantId, requestsPerMinute: 1_000_000, burstLimit: 100_000, concurrentRequests: 1_000);
            using var tenant = first.Client(key);
            using var set = await tenant.PutAsJsonAsync("api/app/email-smtp-settings",
                new { host = "127.0.0.1", port = smtp.Port, tlsMode = "None", from = "shop@example.com" });
            set.StatusCode.ShouldBe(HttpStatusCode.OK);
            id = await EmailEventTests.PublishAsync(tenant, EmailEventTests.Welcome(), null);
            await Eventually.TrueAsync(() => Task.FromResult(smtp.Offered == 1), TimeSpan.FromSeconds(20), "the send is in flight");
            first.Kill();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        smtp.Accept();
        await using var restarted = await HostProcess.StartAsync(database.File, settings);
        using var client = restarted.Client(key);
        var sent = await EmailEventTests.StatusWhenAsync(client, id, "Sent", TimeSpan.FromSeconds(90));

        sent["attempts"]!.AsArray().Count.ShouldBe(1);
        System.Text.Encoding.UTF8.GetString(smtp.Accepted.Single()).ShouldContain($"Message-Id: <{id:N}@example.com>");
    }
}
