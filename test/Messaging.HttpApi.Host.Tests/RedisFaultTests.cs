using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>Redis is an accelerator, not a dependency: without it the host keeps serving and says it is degraded.</summary>
public class RedisFaultTests
{
    [Fact]
    public async Task RedisStopped_HostKeepsAccepting_ReportsDegraded_AndRecoversByItself()
    {
        using var database = new TestDatabase();
        await using var redis = await RedisServerProcess.StartAsync();
        await using var host = await HostProcess.StartAsync(database.File, new Dictionary<string, string>
        {
            ["Redis__Configuration"] = redis.Configuration
        });
        using var tenant = host.Client(HostProcess.DemoTenantKey);
        await tenant.SendAcceptedAsync(Api.Sms("before"));
        (await RedisHealthAsync(host)).ShouldBe("Healthy");

        await redis.StopAsync();
        await Eventually.TrueAsync(async () => await RedisHealthAsync(host) == "Degraded", TimeSpan.FromSeconds(20), "health says degraded");
        using var readiness = await host.Client().GetAsync("health/ready");
        readiness.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await readiness.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>().ShouldBe("Degraded");
        await tenant.SendAcceptedAsync(Api.Sms("while redis is down"));
        using var admin = host.Client(HostProcess.HostAdminKey);
        var (_, freshKey) = await admin.CreateTenantAsync();
        using var freshTenant = host.Client(freshKey);
        await freshTenant.SendAcceptedAsync(Api.Sms("new tenant while redis is down"));

        await redis.RestartAsync();
        await Eventually.TrueAsync(async () => await RedisHealthAsync(host) == "Healthy", TimeSpan.FromSeconds(30), "redis is healthy again");
        await tenant.SendAcceptedAsync(Api.Sms("after"));
        (await database.StoredMessageIdsAsync()).Count.ShouldBe(4);
    }

    private static async Task<string> RedisHealthAsync(HostProcess host)
    {
        using var response = await host.Client().GetAsync("health/ready");
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body!["checks"]!["redis"]!["status"]!.GetValue<string>();
    }
}
