using System.Net;
using System.Net.Http.Json;
using Messaging.TestSupport;

namespace Messaging;

[Collection(SharedHostCollection.Name)]
public class AuthenticationTests(SharedHost shared)
{
    private readonly HostProcess _host = shared.Host;

    [Fact]
    public async Task Send_WithoutKey_Answers401WithChallenge()
    {
        using var client = _host.Client();

        using var response = await client.SendAsync(Api.Sms());

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldContain("X-Api-Key");
    }

    [Fact]
    public async Task Send_WithUnknownKey_Answers401()
    {
        using var client = _host.Client("msk_not-a-real-key");

        using var response = await client.SendAsync(Api.Sms());

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RevokedKey_Answers401FromThenOn()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);
        var (_, apiKey) = await admin.CreateTenantAsync();
        using var tenant = _host.Client(apiKey);
        using var second = await tenant.PostAsJsonAsync("api/app/api-key", new { name = "to-revoke" });
        var created = await second.JsonAsync(HttpStatusCode.Created);
        using var withSecond = _host.Client(created["key"]!.GetValue<string>());
        await withSecond.SendAcceptedAsync(Api.Sms());

        using var revoke = await tenant.DeleteAsync($"api/app/api-key/{created["id"]}");
        revoke.StatusCode.ShouldBe(HttpStatusCode.NoContent);

        using var afterRevoke = await withSecond.SendAsync(Api.Sms());
        await afterRevoke.ProblemAsync(HttpStatusCode.Unauthorized);
        await tenant.SendAcceptedAsync(Api.Sms());
    }

    [Fact]
    public async Task HostAdminKey_CannotSendMessages()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);

        using var response = await admin.SendAsync(Api.Sms());

        await response.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TenantKey_CannotAdministerTenants()
    {
        using var tenant = _host.Client(HostProcess.DemoTenantKey);

        using var response = await tenant.GetAsync("api/app/tenant");

        await response.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task DeactivatedTenant_IsForbidden_AndReactivationRestoresAccess()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);
        var (tenantId, apiKey) = await admin.CreateTenantAsync();
        using var tenant = _host.Client(apiKey);
        await tenant.SendAcceptedAsync(Api.Sms());

        (await admin.PutAsJsonAsync($"api/app/tenant/{tenantId}", new { isActive = false })).EnsureSuccessStatusCode();
        using var whileInactive = await tenant.SendAsync(Api.Sms());
        var problem = await whileInactive.ProblemAsync(HttpStatusCode.Forbidden);
        problem["detail"]!.GetValue<string>().ShouldContain("deactivated");

        (await admin.PutAsJsonAsync($"api/app/tenant/{tenantId}", new { isActive = true })).EnsureSuccessStatusCode();
        await tenant.SendAcceptedAsync(Api.Sms());
    }
}
