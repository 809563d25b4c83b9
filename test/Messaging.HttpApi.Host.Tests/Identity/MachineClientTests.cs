using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Messaging.TestSupport;

namespace Messaging.Identity;

/// <summary>
/// A tenant admin manages the tenant's machine clients on ABP's OpenIddict route; their tokens act for that tenant with
/// the client's permissions, and a new secret or a deletion takes effect at once.
/// </summary>
public sealed class MachineClientTests : IAsyncLifetime
{
    private const string ViewerPassword = "Client-viewer-password-4417";

    private readonly TestDatabase _database = new();
    private HostProcess _host = null!;

    public async Task InitializeAsync()
    {
        _host = await HostProcess.StartAsync(_database.File);
    }

    [Fact]
    public async Task ACreatedClient_GetsTokensWithItsPermissions_ANewSecretEndsTheOld_AndDeletionEndsItsTokens()
    {
        using var admin = await SignedInAsync("admin", HostProcess.DemoAdminPassword);
        using var flow = new SignInFlow(_host);

        var created = await (await admin.PostAsJsonAsync("api/openiddict/applications",
            new { displayName = "reporting", permissions = new[] { "Messaging.Messages" } })).JsonAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<Guid>();
        var clientId = created["clientId"]!.GetValue<string>();
        var firstSecret = created["clientSecret"]!.GetValue<string>();
        var listed = await (await admin.GetAsync("api/openiddict/applications")).Content.ReadAsStringAsync();
        listed.ShouldContain(clientId);
        listed.ShouldNotContain(firstSecret);

        var token = await TokenAsync(flow, clientId, firstSecret);
        using (var client = SignInFlow.Bearer(_host, token))
        {
            using var feed = await client.GetAsync("api/app/message");
            using var send = await client.SendAsync(Api.Sms());
            using var demoKeyFeed = await _host.Client(HostProcess.DemoTenantKey).GetAsync("api/app/message");
            feed.StatusCode.ShouldBe(HttpStatusCode.OK, await feed.Content.ReadAsStringAsync());
            (await feed.Content.ReadAsStringAsync()).ShouldBe(await demoKeyFeed.Content.ReadAsStringAsync());
            await send.ProblemAsync(HttpStatusCode.Forbidden);
        }

        var rotated = await (await admin.PostAsync($"api/openiddict/applications/{id}/secret", null)).JsonAsync(HttpStatusCode.OK);
        var secondSecret = rotated["clientSecret"]!.GetValue<string>();
        secondSecret.ShouldNotBe(firstSecret);
        using (var oldSecret = await TokenResponseAsync(flow, clientId, firstSecret))
        {
            oldSecret.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var secondToken = await TokenAsync(flow, clientId, secondSecret);
        using var secondClient = SignInFlow.Bearer(_host, secondToken);
        (await secondClient.GetAsync("api/app/message")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var deleted = await admin.DeleteAsync($"api/openiddict/applications/{id}");
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var afterDeletion = await TokenResponseAsync(flow, clientId, secondSecret);
        afterDeletion.IsSuccessStatusCode.ShouldBeFalse();
        (await afterDeletion.Content.ReadAsStringAsync()).ShouldContain("invalid_client");
        using var issuedBefore = await secondClient.GetAsync("api/app/message");
        issuedBefore.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var log = await (await admin.GetAsync("api/identity/security-logs?maxResultCount=1000")).JsonAsync(HttpStatusCode.OK);
        var actions = log["items"]!.AsArray().Where(entry => entry!["userName"]?.GetValue<string>() == clientId)
            .Select(entry => entry!["action"]!.ToString()).ToList();
        actions.ShouldContain("ClientCreated");
        actions.ShouldContain("ClientSecretRotated");
        actions.ShouldContain("ClientDeleted");
    }

    [Fact]
    public async Task ChangedPermissions_ApplyToTokensAlreadyIssued()
    {
        using var admin = await SignedInAsync("admin", HostProcess.DemoAdminPassword);
        using var flow = new SignInFlow(_host);
        var created = await (await admin.PostAsJsonAsync("api/openiddict/applications",
            new { displayName = "sender", permissions = new[] { "Messaging.Messages" } })).JsonAsync(HttpStatusCode.Created);
        using var client = SignInFlow.Bearer(_host, await TokenAsync(flow, created["clientId"]!.GetValue<string>(), created["clientSecret"]!.GetValue<string>()));

        using var updated = await admin.PutAsJsonAsync($"api/openiddict/applications/{created["id"]!.GetValue<Guid>()}",
            new { displayName = "sender, renamed", permissions = new[] { "Messaging.Messages.Send" } });
        using var send = await client.SendAsync(Api.Sms());
        using var feed = await client.GetAsync("api/app/message");

        (await updated.JsonAsync(HttpStatusCode.OK))["displayName"]!.GetValue<string>().ShouldBe("sender, renamed");
        send.IsSuccessStatusCode.ShouldBeTrue(await send.Content.ReadAsStringAsync());
        await feed.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnotherTenantsClient_Answers404_AViewerIsRefused_AndAHostPermissionIsNotGrantable()
    {
        using var hostAdmin = _host.Client(HostProcess.HostAdminKey);
        var (_, otherTenantKey) = await hostAdmin.CreateTenantAsync();
        using var otherTenant = _host.Client(otherTenantKey);
        var others = (await (await otherTenant.PostAsJsonAsync("api/openiddict/applications", new { displayName = "theirs" }))
            .JsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        using var admin = await SignedInAsync("admin", HostProcess.DemoAdminPassword);

        using var get = await admin.GetAsync($"api/openiddict/applications/{others}");
        using var update = await admin.PutAsJsonAsync($"api/openiddict/applications/{others}", new { displayName = "taken over" });
        using var rotate = await admin.PostAsync($"api/openiddict/applications/{others}/secret", null);
        using var delete = await admin.DeleteAsync($"api/openiddict/applications/{others}");
        using var list = await admin.GetAsync("api/openiddict/applications");
        var listed = JsonNode.Parse(await list.Content.ReadAsStringAsync())!.AsArray();
        using var hostPermission = await admin.PostAsJsonAsync("api/openiddict/applications",
            new { displayName = "climber", permissions = new[] { "Messaging.Tenants" } });
        using var userCreated = await admin.PostAsJsonAsync("api/identity/users",
            new { userName = "client-watcher", password = ViewerPassword, roleNames = new[] { "viewer" } });
        userCreated.StatusCode.ShouldBe(HttpStatusCode.Created, await userCreated.Content.ReadAsStringAsync());
        using var viewer = await SignedInAsync("client-watcher", ViewerPassword);
        using var viewerList = await viewer.GetAsync("api/openiddict/applications");

        await get.ProblemAsync(HttpStatusCode.NotFound);
        await update.ProblemAsync(HttpStatusCode.NotFound);
        await rotate.ProblemAsync(HttpStatusCode.NotFound);
        await delete.ProblemAsync(HttpStatusCode.NotFound);
        listed.Select(client => client!["id"]!.GetValue<Guid>()).ShouldNotContain(others);
        (await hostPermission.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["permissions"].ShouldNotBeNull();
        await viewerList.ProblemAsync(HttpStatusCode.Forbidden);
        using var stillThere = await otherTenant.GetAsync($"api/openiddict/applications/{others}");
        (await stillThere.JsonAsync(HttpStatusCode.OK))["displayName"]!.GetValue<string>().ShouldBe("theirs");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _database.Dispose();
    }

    private static Task<HttpResponseMessage> TokenResponseAsync(SignInFlow flow, string clientId, string secret) =>
        flow.TokenResponseAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret
        });

    /// <summary>Access tokens live for minutes; a tenant the host admin deactivates must stop at the next request, not then.</summary>
    [Fact]
    public async Task ADeactivatedTenantsTokens_AreRefusedAtTheirNextUse_AndWorkAgainOnReactivation()
    {
        using var hostAdmin = _host.Client(HostProcess.HostAdminKey);
        var (tenantId, apiKey) = await hostAdmin.CreateTenantAsync();
        using var tenantAdmin = _host.Client(apiKey);
        using var flow = new SignInFlow(_host);
        var created = await (await tenantAdmin.PostAsJsonAsync("api/openiddict/applications",
            new { displayName = "backend", permissions = new[] { "Messaging.Messages" } })).JsonAsync(HttpStatusCode.Created);
        var token = await TokenAsync(flow, created["clientId"]!.GetValue<string>(), created["clientSecret"]!.GetValue<string>());
        using var client = SignInFlow.Bearer(_host, token);
        (await client.GetAsync("api/app/message")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await hostAdmin.PutAsJsonAsync($"api/app/tenant/{tenantId}", new { isActive = false })).EnsureSuccessStatusCode();
        using var whileInactive = await client.GetAsync("api/app/message");
        var problem = await whileInactive.ProblemAsync(HttpStatusCode.Forbidden);
        problem["detail"]!.GetValue<string>().ShouldContain("deactivated");

        (await hostAdmin.PutAsJsonAsync($"api/app/tenant/{tenantId}", new { isActive = true })).EnsureSuccessStatusCode();
        (await client.GetAsync("api/app/message")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AMachineClientsRequests_CountAgainstItsTenantsRateLimit_AsAnApiKeysDo()
    {
        using var hostAdmin = _host.Client(HostProcess.HostAdminKey);
        var (tenantId, apiKey) = await hostAdmin.CreateTenantAsync();
        using var tenantAdmin = _host.Client(apiKey);
        using var flow = new SignInFlow(_host);
        var created = await (await tenantAdmin.PostAsJsonAsync("api/openiddict/applications",
            new { displayName = "backend", permissions = new[] { "Messaging.Messages" } })).JsonAsync(HttpStatusCode.Created);
        var token = await TokenAsync(flow, created["clientId"]!.GetValue<string>(), created["clientSecret"]!.GetValue<string>());
        using var client = SignInFlow.Bearer(_host, token);
        // Three a minute: the tenant's key has spent one creating the client, the token spends the other two.
        await hostAdmin.OverrideRateLimitAsync(tenantId, requestsPerMinute: 3, burstLimit: 3);

        (await client.GetAsync("api/app/message")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("api/app/message")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var refused = await client.GetAsync("api/app/message");

        await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull();
    }

    private static async Task<string> TokenAsync(SignInFlow flow, string clientId, string secret)
    {
        using var issued = await TokenResponseAsync(flow, clientId, secret);
        return (await issued.JsonAsync(HttpStatusCode.OK))["access_token"]!.GetValue<string>();
    }

    private async Task<HttpClient> SignedInAsync(string userName, string password)
    {
        using var flow = new SignInFlow(_host);
        var tokens = await flow.SignInAsync("Demo", userName, password);
        return SignInFlow.Bearer(_host, tokens["access_token"]!.GetValue<string>());
    }
}
