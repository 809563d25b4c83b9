using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Messaging.TestSupport;

namespace Messaging.Identity;

/// <summary>
/// A tenant admin defines roles of its own and grants them permissions on ABP's routes; what a role grants takes effect,
/// and stops, at the next request of its users; the static roles stay as the modules define them.
/// </summary>
public sealed class RoleManagementTests : IAsyncLifetime
{
    private const string UserPassword = "Role-user-password-6604";

    private readonly TestDatabase _database = new();
    private HostProcess _host = null!;

    public async Task InitializeAsync() => _host = await HostProcess.StartAsync(_database.File);

    [Fact]
    public async Task AnOwnRole_GrantsWhatTheAdminGrantsIt_UntilTheGrantIsRevoked()
    {
        using var admin = await SignedInAsync("admin", HostProcess.DemoAdminPassword);
        var role = await CreateRoleAsync(admin, "support");
        await CreateUserAsync(admin, "helper", "support");
        using var helper = await SignedInAsync("helper", UserPassword);
        (await helper.GetAsync("api/app/message")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var granted = await GrantAsync(admin, "support", ("Messaging.Messages", true));
        using var readsNow = await helper.GetAsync("api/app/message");
        using var sends = await helper.SendAsync(Api.Sms());
        using var revoked = await GrantAsync(admin, "support", ("Messaging.Messages", false));
        using var readsAfterRevoke = await helper.GetAsync("api/app/message");

        var list = await granted.JsonAsync(HttpStatusCode.OK);
        list["permissions"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "Messaging.Messages")!["isGranted"]!.GetValue<bool>().ShouldBeTrue();
        readsNow.StatusCode.ShouldBe(HttpStatusCode.OK, await readsNow.Content.ReadAsStringAsync());
        await sends.ProblemAsync(HttpStatusCode.Forbidden);
        revoked.StatusCode.ShouldBe(HttpStatusCode.OK);
        await readsAfterRevoke.ProblemAsync(HttpStatusCode.Forbidden);
        var roles = JsonNode.Parse(await admin.GetStringAsync("api/identity/roles"))!;
        roles.AsArray().Select(r => r!["name"]!.GetValue<string>()).ShouldBe(["admin", "operator", "viewer", "support"]);
        roles.AsArray().Single(r => r!["name"]!.GetValue<string>() == "support")!["id"]!.GetValue<Guid>().ShouldBe(role);
    }

    [Fact]
    public async Task StaticRoles_KeepTheirGrants_AndTheirNamesCannotBeTaken()
    {
        using var admin = await SignedInAsync("admin", HostProcess.DemoAdminPassword);

        using var changeViewer = await GrantAsync(admin, "viewer", ("Messaging.Messages.Send", true));
        using var takeName = await admin.PostAsJsonAsync("api/identity/roles", new { name = "admin" });
        using var noName = await admin.PostAsJsonAsync("api/identity/roles", new { name = " " });
        await CreateRoleAsync(admin, "auditors");
        using var twice = await admin.PostAsJsonAsync("api/identity/roles", new { name = "auditors" });
        using var unknownPermission = await GrantAsync(admin, "auditors", ("Messaging.Tenants", true));
        using var hostRole = await _host.Client(HostProcess.HostAdminKey).PostAsJsonAsync("api/identity/roles", new { name = "ops" });

        (await changeViewer.ProblemAsync(HttpStatusCode.UnprocessableEntity))["code"]!.GetValue<string>().ShouldBe("Messaging:StaticRole");
        (await takeName.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["name"].ShouldNotBeNull();
        (await noName.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["name"].ShouldNotBeNull();
        (await twice.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["name"].ShouldNotBeNull();
        (await unknownPermission.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["permissions"].ShouldNotBeNull();
        await hostRole.ProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task AnotherTenantsRole_Answers404_AndItsNameIsFreeHere()
    {
        using var hostAdmin = _host.Client(HostProcess.HostAdminKey);
        var (_, otherKey) = await hostAdmin.CreateTenantAsync();
        using var other = _host.Client(otherKey);
        var othersRole = await CreateRoleAsync(other, "support");
        using var admin = await SignedInAsync("admin", HostProcess.DemoAdminPassword);

        using var get = await admin.GetAsync($"api/identity/roles/{othersRole}");
        using var rename = await admin.PutAsJsonAsync($"api/identity/roles/{othersRole}", new { name = "mine" });
        using var delete = await admin.DeleteAsync($"api/identity/roles/{othersRole}");
        using var grant = await GrantAsync(admin, "support", ("Messaging.Messages", true));
        using var giveToUser = await admin.PostAsJsonAsync("api/identity/users",
            new { userName = "borrower", password = UserPassword, roleNames = new[] { "support" } });
        var ownSupport = await CreateRoleAsync(admin, "support");

        await get.ProblemAsync(HttpStatusCode.NotFound);
        await rename.ProblemAsync(HttpStatusCode.NotFound);
        await delete.ProblemAsync(HttpStatusCode.NotFound);
        await grant.ProblemAsync(HttpStatusCode.NotFound);
        (await giveToUser.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["roleNames"].ShouldNotBeNull();
        ownSupport.ShouldNotBe(othersRole);
        (await other.GetAsync($"api/identity/roles/{othersRole}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DeletingARole_TakesItFromItsUsers()
    {
        using var admin = await SignedInAsync("admin", HostProcess.DemoAdminPassword);
        var role = await CreateRoleAsync(admin, "temps");
        (await GrantAsync(admin, "temps", ("Messaging.Messages", true))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var userId = await CreateUserAsync(admin, "temp", "temps");
        using var temp = await SignedInAsync("temp", UserPassword);
        (await temp.GetAsync("api/app/message")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var deleted = await admin.DeleteAsync($"api/identity/roles/{role}");
        using var afterwards = await temp.GetAsync("api/app/message");

        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await afterwards.ProblemAsync(HttpStatusCode.Forbidden);
        var user = await (await admin.GetAsync($"api/identity/users/{userId}")).JsonAsync(HttpStatusCode.OK);
        user["roleNames"]!.AsArray().ShouldBeEmpty();
        var log = await (await admin.GetAsync("api/identity/security-logs?maxResultCount=1000")).Content.ReadAsStringAsync();
        log.ShouldContain("\"RoleDeleted\"");
        log.ShouldContain("\"PermissionsChanged\"");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _database.Dispose();
    }

    private async Task<HttpClient> SignedInAsync(string userName, string password)
    {
        using var flow = new SignInFlow(_host);
        return SignInFlow.Bearer(_host, (await flow.SignInAsync("Demo", userName, password))["access_token"]!.GetValue<string>());
    }

    private static async Task<Guid> CreateRoleAsync(HttpClient admin, string name)
    {
        using var created = await admin.PostAsJsonAsync("api/identity/roles", new { name });
        return (await created.JsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
    }

    private static async Task<Guid> CreateUserAsync(HttpClient admin, string userName, string role)
    {
        using var created = await admin.PostAsJsonAsync("api/identity/users", new { userName, password = UserPassword, roleNames = new[] { role } });
        return (await created.JsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
    }

    private static Task<HttpResponseMessage> GrantAsync(HttpClient admin, string role, params (string Name, bool IsGranted)[] changes) =>
        admin.PutAsJsonAsync($"api/permission-management/permissions?providerName=R&providerKey={role}",
            new { permissions = changes.Select(change => new { name = change.Name, isGranted = change.IsGranted }) });
}
