using System.Net;
using Messaging.TestSupport;

namespace Messaging;

public class HostRoleTests
{
    [Fact]
    public async Task WorkerRole_ServesNoApi_ButHealthAndTheAdminOnlyDashboard()
    {
        using var database = new TestDatabase();
        await using var worker = await HostProcess.StartAsync(database.File, new Dictionary<string, string> { ["role"] = "worker" });
        using var tenant = worker.Client(HostProcess.DemoTenantKey);
        using var admin = worker.Client(HostProcess.HostAdminKey);

        using var send = await tenant.SendAsync(Api.Sms());
        using var dashboardForTenant = await tenant.GetAsync("hangfire");
        using var dashboardForAnonymous = await worker.Client().GetAsync("hangfire");
        using var dashboardForAdmin = await admin.GetAsync("hangfire");
        using var live = await worker.Client().GetAsync("health/live");

        send.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        dashboardForTenant.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        dashboardForAnonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        dashboardForAdmin.StatusCode.ShouldBe(HttpStatusCode.OK);
        live.StatusCode.ShouldBe(HttpStatusCode.OK);
        worker.Output.ShouldContain("Starting as role worker");
    }

    [Fact]
    public async Task ApiRole_AcceptsSends_AndRunsNoJobServer()
    {
        using var database = new TestDatabase();
        await using var api = await HostProcess.StartAsync(database.File, new Dictionary<string, string> { ["role"] = "api" });
        using var tenant = api.Client(HostProcess.DemoTenantKey);
        using var admin = api.Client(HostProcess.HostAdminKey);

        await tenant.SendAcceptedAsync(Api.Sms());
        using var dashboard = await admin.GetAsync("hangfire");

        dashboard.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UnknownRole_StopsTheHostWithAClearMessage()
    {
        using var database = new TestDatabase();

        var failure = await Should.ThrowAsync<InvalidOperationException>(
            HostProcess.StartAsync(database.File, new Dictionary<string, string> { ["role"] = "janitor" }));

        failure.Message.ShouldContain("Unknown role 'janitor'");
    }
}
