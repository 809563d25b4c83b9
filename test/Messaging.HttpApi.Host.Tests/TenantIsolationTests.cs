using System.Net;
using System.Text.Json.Nodes;
using Messaging.TestSupport;

namespace Messaging;

[Collection(SharedHostCollection.Name)]
public class TenantIsolationTests(SharedHost shared)
{
    private readonly HostProcess _host = shared.Host;

    [Fact]
    public async Task AnotherTenantsTrackingId_Answers404()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);
        var (_, keyA) = await admin.CreateTenantAsync();
        var (_, keyB) = await admin.CreateTenantAsync();
        using var tenantA = _host.Client(keyA);
        using var tenantB = _host.Client(keyB);
        var trackingId = await tenantA.SendAcceptedAsync(Api.Sms());

        using var fromB = await tenantB.GetAsync($"api/app/message/{trackingId}/status");
        using var fromA = await tenantA.GetAsync($"api/app/message/{trackingId}/status");

        await fromB.ProblemAsync(HttpStatusCode.NotFound);
        fromA.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnotherTenantsApiKey_CannotBeSeenOrRevoked()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);
        var (_, keyA) = await admin.CreateTenantAsync();
        var (_, keyB) = await admin.CreateTenantAsync();
        using var tenantA = _host.Client(keyA);
        using var tenantB = _host.Client(keyB);
        var keysOfA = (await (await tenantA.GetAsync("api/app/api-key")).Content.ReadAsStringAsync());
        var keyIdOfA = JsonNode.Parse(keysOfA)!.AsArray().Single()!["id"]!.GetValue<Guid>();

        using var revokeFromB = await tenantB.DeleteAsync($"api/app/api-key/{keyIdOfA}");
        var keysOfB = JsonNode.Parse(await (await tenantB.GetAsync("api/app/api-key")).Content.ReadAsStringAsync())!.AsArray();

        await revokeFromB.ProblemAsync(HttpStatusCode.NotFound);
        keysOfB.Select(k => k!["id"]!.GetValue<Guid>()).ShouldNotContain(keyIdOfA);
        await tenantA.SendAcceptedAsync(Api.Sms());
    }

    [Fact]
    public async Task SameIdempotencyKey_InTwoTenants_StoresTwoMessages()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);
        var (_, keyA) = await admin.CreateTenantAsync();
        var (_, keyB) = await admin.CreateTenantAsync();
        using var tenantA = _host.Client(keyA);
        using var tenantB = _host.Client(keyB);

        var fromA = await tenantA.SendAcceptedAsync(Api.Sms(), "shared-order-42");
        var fromB = await tenantB.SendAcceptedAsync(Api.Sms(), "shared-order-42");

        fromA.ShouldNotBe(fromB);
    }
}
