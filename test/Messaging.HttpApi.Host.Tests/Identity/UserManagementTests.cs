using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Messaging.TestSupport;

namespace Messaging.Identity;

/// <summary>A tenant admin manages its tenant's users on ABP's routes; what they may do follows their roles at every request.</summary>
public sealed class UserManagementTests : IAsyncLifetime
{
    private const string DemoAdminPassword = HostProcess.DemoAdminPassword;
    private const string ViewerPassword = "Viewer-password-7730";

    private readonly TestDatabase _database = new();
    private HostProcess _host = null!;

    public async Task InitializeAsync()
    {
        _host = await HostProcess.StartAsync(_database.File);
    }

    [Fact]
    public async Task AViewer_Reads_ButEveryWriteAndUserManagementIsRefused()
    {
        using var admin = await SignedInAsync("admin", DemoAdminPassword);
        await CreateUserAsync(admin, "watcher", ViewerPassword, "viewer");
        using var viewer = await SignedInAsync("watcher", ViewerPassword);

        using var feed = await viewer.GetAsync("api/app/message");
        using var send = await viewer.SendAsync(Api.Sms());
        using var providerChange = await viewer.PutAsJsonAsync("api/app/message-provider/configurations/Webhook", new { signingSecret = "a-long-random-secret-0003" });
        using var users = await viewer.GetAsync("api/identity/users");
        using var keys = await viewer.PostAsJsonAsync("api/app/api-key", new { name = "viewer-key" });

        feed.StatusCode.ShouldBe(HttpStatusCode.OK, await feed.Content.ReadAsStringAsync());
        await send.ProblemAsync(HttpStatusCode.Forbidden);
        await providerChange.ProblemAsync(HttpStatusCode.Forbidden);
        await users.ProblemAsync(HttpStatusCode.Forbidden);
        await keys.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnotherTenantsUser_Answers404_ToEveryUserOperation()
    {
        using var hostAdmin = _host.Client(HostProcess.HostAdminKey);
        var (_, otherTenantKey) = await hostAdmin.CreateTenantAsync();
        using var otherTenant = _host.Client(otherTenantKey);
        var othersUser = await CreateUserAsync(otherTenant, "someone", ViewerPassword, "operator");
        using var admin = await SignedInAsync("admin", DemoAdminPassword);

        using var get = await admin.GetAsync($"api/identity/users/{othersUser}");
        using var update = await admin.PutAsJsonAsync($"api/identity/users/{othersUser}", new { userName = "taken-over", roleNames = new[] { "admin" } });
        using var delete = await admin.DeleteAsync($"api/identity/users/{othersUser}");
        var listed = await (await admin.GetAsync("api/identity/users")).JsonAsync(HttpStatusCode.OK);

        await get.ProblemAsync(HttpStatusCode.NotFound);
        await update.ProblemAsync(HttpStatusCode.NotFound);
        await delete.ProblemAsync(HttpStatusCode.NotFound);
        listed["items"]!.AsArray().Select(user => user!["id"]!.GetValue<Guid>()).ShouldNotContain(othersUser);
        using var stillThere = await otherTenant.GetAsync($"api/identity/users/{othersUser}");
        (await stillThere.JsonAsync(HttpStatusCode.OK))["userName"]!.GetValue<string>().ShouldBe("someone");
    }

    [Fact]
    public async Task ATenantAdmin_CannotGiveTheHostsRole()
    {
        using var admin = await SignedInAsync("admin", DemoAdminPassword);

        using var response = await admin.PostAsJsonAsync("api/identity/users",
            new { userName = "climber", password = ViewerPassword, roleNames = new[] { "host-admin" } });

        (await response.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["roleNames"].ShouldNotBeNull();
    }

    [Fact]
    public async Task AnAdmin_CannotDeleteDisableOrDemoteTheirOwnAccount_ButAnotherAdminCan()
    {
        using var admin = await SignedInAsync("admin", DemoAdminPassword);
        var keeperId = await CreateUserAsync(admin, "keeper", ViewerPassword, "admin");
        using var keeper = await SignedInAsync("keeper", ViewerPassword);

        using var deleted = await keeper.DeleteAsync($"api/identity/users/{keeperId}");
        using var disabled = await keeper.PutAsJsonAsync($"api/identity/users/{keeperId}",
            new { userName = "keeper", isActive = false, roleNames = new[] { "admin" } });
        using var demoted = await keeper.PutAsJsonAsync($"api/identity/users/{keeperId}",
            new { userName = "keeper", isActive = true, roleNames = new[] { "viewer" } });
        using var renamed = await keeper.PutAsJsonAsync($"api/identity/users/{keeperId}",
            new { userName = "keeper", name = "Kept", isActive = true, roleNames = new[] { "admin" } });

        foreach (var refused in new[] { deleted, disabled, demoted })
        {
            (await refused.ProblemAsync(HttpStatusCode.UnprocessableEntity))["code"]!.GetValue<string>().ShouldBe("Messaging:OwnAccount");
        }

        renamed.StatusCode.ShouldBe(HttpStatusCode.OK, await renamed.Content.ReadAsStringAsync());
        (await keeper.GetAsync("api/identity/users")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var byAnother = await admin.DeleteAsync($"api/identity/users/{keeperId}");
        byAnother.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task ADeactivatedUser_LosesAccessAtTheNextRequest_NotAtTokenExpiry()
    {
        using var admin = await SignedInAsync("admin", DemoAdminPassword);
        var viewerId = await CreateUserAsync(admin, "leaver", ViewerPassword, "viewer");
        using var viewer = await SignedInAsync("leaver", ViewerPassword);
        (await viewer.GetAsync("api/app/message")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var deactivated = await admin.PutAsJsonAsync($"api/identity/users/{viewerId}",
            new { userName = "leaver", isActive = false, roleNames = new[] { "viewer" } });
        deactivated.StatusCode.ShouldBe(HttpStatusCode.OK, await deactivated.Content.ReadAsStringAsync());
        using var afterwards = await viewer.GetAsync("api/app/message");

        afterwards.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task MyProfile_ChangesNameAndPassword_AndTheOldPasswordNoLongerSignsIn()
    {
        using var admin = await SignedInAsync("admin", DemoAdminPassword);
        await CreateUserAsync(admin, "mover", ViewerPassword, "operator");
        using var user = await SignedInAsync("mover", ViewerPassword);
        const string newPassword = "Moved-password-5519";

        using var renamed = await user.PutAsJsonAsync("api/account/my-profile", new { name = "Mo", surname = "Ver", email = "mo@example.com" });
        using var wrongCurrent = await user.PostAsJsonAsync("api/account/my-profile/change-password",
            new { currentPassword = "not-it-123456", newPassword });
        using var changed = await user.PostAsJsonAsync("api/account/my-profile/change-password",
            new { currentPassword = ViewerPassword, newPassword });
        using var profile = await user.GetAsync("api/account/my-profile");
        using var byApiKey = await _host.Client(HostProcess.DemoTenantKey).GetAsync("api/account/my-profile");

        renamed.StatusCode.ShouldBe(HttpStatusCode.OK, await renamed.Content.ReadAsStringAsync());
        (await wrongCurrent.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["currentPassword"].ShouldNotBeNull();
        changed.StatusCode.ShouldBe(HttpStatusCode.NoContent, await changed.Content.ReadAsStringAsync());
        var shown = await profile.JsonAsync(HttpStatusCode.OK);
        shown["name"]!.GetValue<string>().ShouldBe("Mo");
        shown["email"]!.GetValue<string>().ShouldBe("mo@example.com");
        await byApiKey.ProblemAsync(HttpStatusCode.NotFound);
        using var flow = new SignInFlow(_host);
        using var oldPassword = await flow.PostSignInAsync(new Uri("account/login?ReturnUrl=%2F", UriKind.Relative), "Demo", "mover", ViewerPassword);
        oldPassword.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await SignedInAsync("mover", newPassword)).Dispose();
    }

    [Fact]
    public async Task PermissionManagement_ListsWhatARoleGrants_AndRolesListTheirSide()
    {
        using var admin = await SignedInAsync("admin", DemoAdminPassword);

        var viewer = await (await admin.GetAsync("api/permission-management/permissions?providerName=R&providerKey=viewer")).JsonAsync(HttpStatusCode.OK);
        using var hostRole = await admin.GetAsync("api/permission-management/permissions?providerName=R&providerKey=host-admin");
        using var roles = await admin.GetAsync("api/identity/roles");

        var granted = viewer["permissions"]!.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!["isGranted"]!.GetValue<bool>());
        granted["Messaging.Messages"].ShouldBeTrue();
        granted["Messaging.Messages.Send"].ShouldBeFalse();
        granted.ShouldNotContainKey("Messaging.Tenants");
        await hostRole.ProblemAsync(HttpStatusCode.NotFound);
        JsonNode.Parse(await roles.Content.ReadAsStringAsync())!.AsArray().Select(role => role!["name"]!.GetValue<string>())
            .ShouldBe(["admin", "operator", "viewer"]);
    }

    [Fact]
    public async Task GrantedPermissions_AreTheCallersOwn_WithItsTenant()
    {
        using var admin = await SignedInAsync("admin", DemoAdminPassword);
        await CreateUserAsync(admin, "onlooker", ViewerPassword, "viewer");
        using var viewer = await SignedInAsync("onlooker", ViewerPassword);

        var ofViewer = await (await viewer.GetAsync("api/account/my-profile/permissions")).JsonAsync(HttpStatusCode.OK);
        var ofAdmin = await (await admin.GetAsync("api/account/my-profile/permissions")).JsonAsync(HttpStatusCode.OK);
        var ofKey = await (await _host.Client(HostProcess.DemoTenantKey).GetAsync("api/account/my-profile/permissions")).JsonAsync(HttpStatusCode.OK);

        ofViewer["tenantName"]!.GetValue<string>().ShouldBe("Demo");
        ofViewer["userName"]!.GetValue<string>().ShouldBe("onlooker");
        var viewerGrants = ofViewer["granted"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        viewerGrants.ShouldContain("Messaging.Messages");
        viewerGrants.ShouldNotContain("Messaging.Messages.Send");
        ofAdmin["granted"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldContain("Messaging.ApiKeys");
        ofKey["granted"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldContain("Messaging.Messages.Send");
    }

    [Fact]
    public async Task TheSecurityLog_RecordsSignInsLockoutsAndChanges_ForItsOwnTenantOnly()
    {
        using var admin = await SignedInAsync("admin", DemoAdminPassword);
        var userId = await CreateUserAsync(admin, "audited", ViewerPassword, "viewer");
        using var flow = new SignInFlow(_host);
        using var failed = await flow.PostSignInAsync(new Uri("account/login?ReturnUrl=%2F", UriKind.Relative), "Demo", "audited", "Wrong-password-000");
        (await admin.DeleteAsync($"api/identity/users/{userId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var hostAdmin = _host.Client(HostProcess.HostAdminKey);
        var (_, otherTenantKey) = await hostAdmin.CreateTenantAsync();

        var log = await (await admin.GetAsync("api/identity/security-logs?maxResultCount=100")).JsonAsync(HttpStatusCode.OK);
        var othersLog = await (await _host.Client(otherTenantKey).GetAsync("api/identity/security-logs")).JsonAsync(HttpStatusCode.OK);

        var entries = log["items"]!.AsArray().Select(entry => (entry!["action"]!.GetValue<string>(), entry["userName"]?.GetValue<string>())).ToList();
        entries.ShouldContain(("SignedIn", "admin"));
        entries.ShouldContain(("UserCreated", "audited"));
        entries.ShouldContain(("SignInFailed", "audited"));
        entries.ShouldContain(("UserDeleted", "audited"));
        log["items"]!.AsArray().First(entry => entry!["action"]!.GetValue<string>() == "UserCreated")!["actorName"]!.GetValue<string>().ShouldBe("admin");
        othersLog["totalCount"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task WithTheSecondFactorOn_SignInNeedsTheAuthenticatorsCode()
    {
        using var admin = await SignedInAsync("admin", DemoAdminPassword);
        await CreateUserAsync(admin, "careful", ViewerPassword, "operator");
        using var user = await SignedInAsync("careful", ViewerPassword);
        var setup = await (await user.GetAsync("api/account/my-profile/two-factor")).JsonAsync(HttpStatusCode.OK);
        var key = setup["sharedKey"]!.GetValue<string>();

        using var wrongCode = await user.PostAsJsonAsync("api/account/my-profile/two-factor/enable", new { code = "000000" == Totp.Code(key) ? "111111" : "000000" });
        using var enabled = await user.PostAsJsonAsync("api/account/my-profile/two-factor/enable", new { code = Totp.Code(key) });

        (await wrongCode.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["code"].ShouldNotBeNull();
        (await enabled.JsonAsync(HttpStatusCode.OK))["isEnabled"]!.GetValue<bool>().ShouldBeTrue();
        using var flow = new SignInFlow(_host);
        var page = new Uri("account/login?ReturnUrl=%2F", UriKind.Relative);
        using var withoutCode = await flow.PostSignInAsync(page, "Demo", "careful", ViewerPassword);
        using var unknown = await flow.PostSignInAsync(page, "Demo", "nobody", ViewerPassword);
        withoutCode.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var refusal = await withoutCode.Content.ReadAsStringAsync();
        refusal[refusal.IndexOf("<p role=\"alert\">", StringComparison.Ordinal)..refusal.IndexOf("<form", StringComparison.Ordinal)]
            .ShouldBe(await RefusalOfAsync(unknown));
        var tokens = await flow.SignInAsync("Demo", "careful", ViewerPassword, Totp.Code(key));
        tokens["access_token"].ShouldNotBeNull();
    }

    [Fact]
    public async Task ARecoveryCode_StandsInForTheAuthenticatorOnce_AndItsUseIsAudited()
    {
        using var admin = await SignedInAsync("admin", DemoAdminPassword);
        await CreateUserAsync(admin, "forgetful", ViewerPassword, "operator");
        using var user = await SignedInAsync("forgetful", ViewerPassword);
        using var tooEarly = await user.PostAsync("api/account/my-profile/two-factor/recovery-codes", null);
        await tooEarly.ProblemAsync(HttpStatusCode.BadRequest);
        var key = (await (await user.GetAsync("api/account/my-profile/two-factor")).JsonAsync(HttpStatusCode.OK))["sharedKey"]!.GetValue<string>();
        (await user.PostAsJsonAsync("api/account/my-profile/two-factor/enable", new { code = Totp.Code(key) })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var first = (await (await user.PostAsync("api/account/my-profile/two-factor/recovery-codes", null)).JsonAsync(HttpStatusCode.OK))["codes"]!
            .AsArray().Select(code => code!.GetValue<string>()).ToList();
        var codes = (await (await user.PostAsync("api/account/my-profile/two-factor/recovery-codes", null)).JsonAsync(HttpStatusCode.OK))["codes"]!
            .AsArray().Select(code => code!.GetValue<string>()).ToList();
        codes.Count.ShouldBe(10);
        codes.ShouldBeUnique();

        using var flow = new SignInFlow(_host);
        var tokens = await flow.SignInAsync("Demo", "forgetful", ViewerPassword, codes[0]);
        tokens["access_token"].ShouldNotBeNull();
        var page = new Uri("account/login?ReturnUrl=%2F", UriKind.Relative);
        using var again = await new SignInFlow(_host).PostSignInAsync(page, "Demo", "forgetful", ViewerPassword, codes[0]);
        using var replaced = await new SignInFlow(_host).PostSignInAsync(page, "Demo", "forgetful", ViewerPassword, first.Except(codes).First());
        again.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        replaced.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var twoFactor = await (await user.GetAsync("api/account/my-profile/two-factor")).JsonAsync(HttpStatusCode.OK);
        twoFactor["recoveryCodesLeft"]!.GetValue<int>().ShouldBe(9);
        var log = await (await admin.GetAsync("api/identity/security-logs?maxResultCount=100")).JsonAsync(HttpStatusCode.OK);
        var entries = log["items"]!.AsArray().Select(entry => (entry!["action"]!.GetValue<string>(), entry["userName"]?.GetValue<string>())).ToList();
        entries.ShouldContain(("RecoveryCodesGenerated", "forgetful"));
        entries.ShouldContain(("RecoveryCodeUsed", "forgetful"));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _database.Dispose();
    }

    private static async Task<string> RefusalOfAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return html[html.IndexOf("<p role=\"alert\">", StringComparison.Ordinal)..html.IndexOf("<form", StringComparison.Ordinal)];
    }

    private async Task<HttpClient> SignedInAsync(string userName, string password)
    {
        using var flow = new SignInFlow(_host);
        var tokens = await flow.SignInAsync("Demo", userName, password);
        return SignInFlow.Bearer(_host, tokens["access_token"]!.GetValue<string>());
    }

    private static async Task<Guid> CreateUserAsync(HttpClient admin, string userName, string password, string role)
    {
        using var created = await admin.PostAsJsonAsync("api/identity/users", new { userName, password, roleNames = new[] { role } });
        return (await created.JsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
    }
}
