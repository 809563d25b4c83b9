using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>
/// The host's operators see every tenant's email queue, and operate the host's own mail (host accounts' emails) as a
/// tenant operates its own: its dead letters, suppressions and replays, never a tenant's.
/// </summary>
[Collection(MailHostCollection.Name)]
public class EmailHostOperationsTests(MailHost mailHost)
{
    [Fact]
    public async Task TheHostAdmin_SeesEveryTenantsQueue_AndReplaysTheHostsOwnDeadLetters_ButNoTenants()
    {
        await using var tenantSmtp = SmtpEmulator.Start();
        tenantSmtp.AnswerWith(550, "5.1.1 No such user");
        using var hostAdmin = mailHost.Host.Client(HostProcess.HostAdminKey);
        var (tenantId, key) = await hostAdmin.CreateTenantAsync();
        using var tenant = mailHost.Host.Client(key);
        await tenant.UseSmtpServerAsync(tenantSmtp.Port);
        var tenantsEvent = await EmailEventTests.PublishAsync(tenant, EmailEventTests.Welcome("gone@example.com"), null);
        await EmailEventTests.StatusWhenAsync(tenant, tenantsEvent, "DeadLettered");

        var address = $"operator-{Guid.NewGuid():N}@example.com";
        JsonObject hostsDeadLetter;
        mailHost.HostSmtp.AnswerWith(550, "5.1.1 No such user");
        try
        {
            using var created = await hostAdmin.PostAsJsonAsync("api/identity/users", new
            {
                userName = "operator-" + Guid.NewGuid().ToString("N")[..8], email = address, password = "Host-operator-password-7731",
                roleNames = new[] { "host-admin" }
            });
            await created.JsonAsync(HttpStatusCode.Created);
            hostsDeadLetter = await HostsDeadLetterToAsync(hostAdmin, address);
        }
        finally
        {
            mailHost.HostSmtp.Accept();
        }

        var hostsEvent = hostsDeadLetter["id"]!.GetValue<Guid>();
        using var status = await hostAdmin.GetAsync("api/app/email-event/queue-status");
        var rows = (await status.JsonAsync(HttpStatusCode.OK))["types"]!.AsArray().Select(row => row!.AsObject()).ToList();
        rows.ShouldContain(row => row["tenantId"] == null && row["deadLetters"]!.GetValue<int>() >= 1);
        rows.Single(row => row["tenantId"] != null && row["tenantId"]!.GetValue<Guid>() == tenantId)["deadLetters"]!.GetValue<int>().ShouldBe(1);
        using var tenantsStatus = await tenant.GetAsync("api/app/email-event/queue-status");
        (await tenantsStatus.JsonAsync(HttpStatusCode.OK))["types"]!.AsArray().ShouldAllBe(row => row!["tenantId"]!.GetValue<Guid>() == tenantId);

        using var foreignRead = await hostAdmin.GetAsync($"api/app/email-event/{tenantsEvent}");
        await foreignRead.ProblemAsync(HttpStatusCode.NotFound);
        using var foreignReplay = await hostAdmin.PostAsync($"api/app/email-event/dead-letters/{tenantsEvent}/replay", null);
        await foreignReplay.ProblemAsync(HttpStatusCode.NotFound);
        using var tenantsView = await tenant.GetAsync($"api/app/email-event/{hostsEvent}");
        await tenantsView.ProblemAsync(HttpStatusCode.NotFound);
        using var hostsSuppressions = await hostAdmin.GetAsync($"api/app/email-suppression?address={Uri.EscapeDataString(address)}");
        (await hostsSuppressions.JsonAsync(HttpStatusCode.OK))["items"]!.AsArray().ShouldHaveSingleItem();
        using var tenantsSuppressions = await tenant.GetAsync($"api/app/email-suppression?address={Uri.EscapeDataString(address)}");
        (await tenantsSuppressions.JsonAsync(HttpStatusCode.OK))["items"]!.AsArray().ShouldBeEmpty();

        using var removed = await hostAdmin.DeleteAsync($"api/app/email-suppression/{Uri.EscapeDataString(address)}");
        removed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var replay = await hostAdmin.PostAsync($"api/app/email-event/dead-letters/{hostsEvent}/replay", null);
        await replay.JsonAsync(HttpStatusCode.OK);
        await EmailEventTests.StatusWhenAsync(hostAdmin, hostsEvent, "Sent");
        using var audit = await hostAdmin.GetAsync("api/app/email-event/dead-letters/audit");
        (await audit.JsonAsync(HttpStatusCode.OK))["items"]!.AsArray().Select(entry => entry!["emailEventId"]).ShouldContain(id => id != null && id.GetValue<Guid>() == hostsEvent);
        mailHost.HostSmtp.Accepted.ShouldContain(mail => System.Text.Encoding.UTF8.GetString(mail).Contains($"<{hostsEvent:N}@", StringComparison.Ordinal));
        using var tenantsDeadLetters = await tenant.GetAsync("api/app/email-event/dead-letters");
        (await tenantsDeadLetters.JsonAsync(HttpStatusCode.OK))["items"]!.AsArray().ShouldHaveSingleItem()!["id"]!.GetValue<Guid>().ShouldBe(tenantsEvent);
    }

    private static async Task<JsonObject> HostsDeadLetterToAsync(HttpClient hostAdmin, string address)
    {
        JsonObject? found = null;
        await Eventually.TrueAsync(async () =>
        {
            using var listed = await hostAdmin.GetAsync("api/app/email-event/dead-letters?maxResultCount=200");
            found = (await listed.JsonAsync(HttpStatusCode.OK))["items"]!.AsArray().Select(item => item!.AsObject())
                .FirstOrDefault(item => item["recipient"]?.GetValue<string>() == address);
            return found is not null;
        }, TimeSpan.FromSeconds(20), "the host's welcome email is dead-lettered");
        return found!;
    }
}
