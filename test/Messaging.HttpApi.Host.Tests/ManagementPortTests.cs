using System.Net;
using System.Net.Sockets;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>Metrics, the OpenAPI document and the API reference are the operator's, not the public's.</summary>
public class ManagementPortTests
{
    private static readonly string[] ManagementPaths = ["metrics", "openapi/v1.json", "scalar/v1"];

    [Fact]
    public async Task WithAManagementPort_OperatorEndpointsAnswerOnlyThere_AndTheApiOnlyOnTheMainPort()
    {
        using var database = new TestDatabase();
        var managementUrl = $"http://127.0.0.1:{FreePort()}";
        await using var host = await HostProcess.StartAsync(database.File,
            new Dictionary<string, string> { ["Management__Urls"] = managementUrl });
        using var management = new HttpClient { BaseAddress = new Uri(managementUrl + "/") };
        using var publicPort = host.Client();

        foreach (var path in ManagementPaths)
        {
            using var onPublic = await publicPort.GetAsync(path);
            onPublic.StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
            using var onManagement = await management.GetAsync(path);
            onManagement.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        }

        using var readiness = await management.GetAsync("health/ready");
        (await readiness.JsonAsync(HttpStatusCode.OK))["checks"]!["message-buffer"]!["data"]!["capacity"]!.GetValue<int>().ShouldBe(50_000);
        using var api = await management.GetAsync("api/app/tenant");
        api.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await host.Client(HostProcess.DemoTenantKey).SendAcceptedAsync(Api.Sms("the api still answers on the main port"));
    }

    [Fact]
    public async Task OnADatabaseServer_WithoutAManagementPort_OperatorEndpointsNeedTheHostAdminKey()
    {
        await using var database = await PostgreSqlTestDatabase.CreateAsync();
        await using var host = await HostProcess.StartAsync(null, new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Default"] = database.ConnectionString
        });
        using var anonymous = host.Client();
        using var tenant = host.Client(HostProcess.DemoTenantKey);
        using var admin = host.Client(HostProcess.HostAdminKey);

        foreach (var path in ManagementPaths)
        {
            using var byAnonymous = await anonymous.GetAsync(path);
            await byAnonymous.ProblemAsync(HttpStatusCode.Unauthorized);
            using var byTenant = await tenant.GetAsync(path);
            await byTenant.ProblemAsync(HttpStatusCode.Forbidden);
            using var byAdmin = await admin.GetAsync(path);
            byAdmin.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
