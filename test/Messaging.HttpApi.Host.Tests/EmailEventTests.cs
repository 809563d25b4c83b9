using System.Net;
using System.Net.Http.Json;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>Publishing email events through the host: 202 once stored, 400 naming fields, idempotent, tenant-scoped.</summary>
[Collection(SharedHostCollection.Name)]
public class EmailEventTests(SharedHost shared)
{
    private readonly HostProcess _host = shared.Host;

    public static object Welcome(string to = "ada@example.com") => new { type = "Welcome", payload = new { to, name = "Ada" } };

    [Fact]
    public async Task Publish_Answers202WithItsId_AndTheStatusShowsTheEvent()
    {
        using var tenant = _host.Client(HostProcess.DemoTenantKey);

        using var response = await tenant.PostAsJsonAsync("api/app/email-event", Welcome());
        var accepted = await response.JsonAsync(HttpStatusCode.Accepted);
        var id = accepted["id"]!.GetValue<Guid>();
        using var statusResponse = await tenant.GetAsync($"api/app/email-event/{id}");
        var status = await statusResponse.JsonAsync(HttpStatusCode.OK);

        accepted["status"]!.GetValue<string>().ShouldBe("Queued");
        response.Headers.Location!.ToString().ShouldBe($"/api/app/email-event/{id}");
        status["type"]!.GetValue<string>().ShouldBe("Welcome");
        status["recipient"]!.GetValue<string>().ShouldBe("ada@example.com");
        status["attempts"]!.AsArray().ShouldNotBeNull();
    }

    [Fact]
    public async Task InvalidPayload_Answers400NamingEachField()
    {
        using var tenant = _host.Client(HostProcess.DemoTenantKey);

        using var response = await tenant.PostAsJsonAsync("api/app/email-event",
            new { type = "ContactForm", payload = new { to = "shop", fromEmail = "bob@", subject = new string('s', 300) } });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().Select(e => e.Key).ShouldBe(
            ["payload.to", "payload.fromName", "payload.fromEmail", "payload.subject", "payload.message"], ignoreOrder: true);
    }

    [Fact]
    public async Task MissingTypeOrPayload_OrAValueOfTheWrongKind_Answers400()
    {
        using var tenant = _host.Client(HostProcess.DemoTenantKey);

        using var empty = await tenant.PostAsJsonAsync("api/app/email-event", new { });
        using var wrongKind = await tenant.PostAsJsonAsync("api/app/email-event",
            new { type = "PasswordReset", payload = new { to = "ada@example.com", resetUrl = "https://x.example.com", expiresAt = 42 } });

        (await empty.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["type", "payload"], ignoreOrder: true);
        (await wrongKind.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["payload.expiresAt"]);
    }

    [Fact]
    public async Task TheSameIdempotencyKey_AnswersTheSameId_AndAnotherBodyIs422()
    {
        using var tenant = _host.Client(HostProcess.DemoTenantKey);
        var key = Guid.NewGuid().ToString("N");

        var first = await PublishAsync(tenant, Welcome(), key);
        var again = await PublishAsync(tenant, Welcome(), key);
        using var other = await Post(tenant, Welcome("bob@example.com"), key);

        again.ShouldBe(first);
        (await other.ProblemAsync(HttpStatusCode.UnprocessableEntity))["code"]!.GetValue<string>().ShouldBe("Messaging:IdempotencyKeyReused");
    }

    [Fact]
    public async Task AnotherTenantsEvent_Answers404()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);
        var (_, otherKey) = await admin.CreateTenantAsync();
        using var owner = _host.Client(HostProcess.DemoTenantKey);
        using var other = _host.Client(otherKey);
        var id = await PublishAsync(owner, Welcome(), null);

        using var response = await other.GetAsync($"api/app/email-event/{id}");

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task WithoutSmtpSettings_TheHostsWorkerSendsToThePickupFolder()
    {
        using var tenant = _host.Client(HostProcess.DemoTenantKey);
        var id = await PublishAsync(tenant, Welcome(), null);

        var status = await StatusWhenAsync(tenant, id, "Sent");

        status["attempts"]!.AsArray().Single()!["number"]!.GetValue<int>().ShouldBe(1);
        status["completedAt"].ShouldNotBeNull();
        using var anonymous = _host.Client();
        var metrics = await anonymous.GetStringAsync("metrics");
        metrics.ShouldContain("messaging_emailqueue_published");
        metrics.ShouldContain("messaging_emailqueue_sent");
    }

    [Fact]
    public async Task InvalidSmtpSettings_Answer400NamingTheFields()
    {
        using var tenant = _host.Client(HostProcess.DemoTenantKey);

        using var response = await tenant.PutAsJsonAsync("api/app/email-smtp-settings", new { host = "bad host!", port = 0, from = "nobody" });

        (await response.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["host", "port", "from"], ignoreOrder: true);
    }

    public static async Task<System.Text.Json.Nodes.JsonObject> StatusWhenAsync(HttpClient client, Guid id, string status, TimeSpan? timeout = null)
    {
        System.Text.Json.Nodes.JsonObject? last = null;
        await Eventually.TrueAsync(async () =>
        {
            using var response = await client.GetAsync($"api/app/email-event/{id}");
            last = await response.JsonAsync(HttpStatusCode.OK);
            return last["status"]!.GetValue<string>() == status;
        }, timeout ?? TimeSpan.FromSeconds(20), $"the email event is {status}");
        return last!;
    }

    public static async Task<Guid> PublishAsync(HttpClient client, object body, string? idempotencyKey)
    {
        using var response = await Post(client, body, idempotencyKey);
        return (await response.JsonAsync(HttpStatusCode.Accepted))["id"]!.GetValue<Guid>();
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, object body, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/app/email-event") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }
}
