using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>Two instances behind one load balancer: a key revoked on one is refused by the other at once.</summary>
public class ScaleOutRevocationTests
{
    [Fact]
    public async Task KeyRevokedOnOneInstance_IsRefusedByTheOther_WithoutWaitingForCacheExpiry()
    {
        using var database = new TestDatabase();
        await using var redis = await RedisServerProcess.StartAsync();
        var shared = new Dictionary<string, string> { ["Redis__Configuration"] = redis.Configuration };
        await using var first = await HostProcess.StartAsync(database.File, shared);
        await using var second = await HostProcess.StartAsync(database.File, shared);
        using var admin = first.Client(HostProcess.HostAdminKey);
        var (_, ownerKey) = await admin.CreateTenantAsync();
        using var ownerOnFirst = first.Client(ownerKey);
        using var created = await ownerOnFirst.PostAsJsonAsync("api/app/api-key", new { name = "ci-runner" });
        var key = (await created.JsonAsync(HttpStatusCode.Created));
        using var onSecond = second.Client(key["key"]!.GetValue<string>());
        await onSecond.SendAcceptedAsync(Api.Sms("cached on the second instance"));

        using var revoked = await ownerOnFirst.DeleteAsync($"api/app/api-key/{key["id"]}");
        revoked.StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await Eventually.TrueAsync(async () =>
        {
            using var response = await onSecond.SendAsync(Api.Sms("after revocation"));
            return response.StatusCode == HttpStatusCode.Unauthorized;
        }, TimeSpan.FromSeconds(5), "the second instance refuses the revoked key");
    }

    [Fact]
    public async Task KeyRevokedByAnInstanceCutOffFromRedis_IsRefusedByTheOther_AndNotTrustedFromRedisAfterwards()
    {
        using var database = new TestDatabase();
        await using var redis = await RedisServerProcess.StartAsync();
        await using var partition = TcpRelay.To(redis.Port);
        await using var first = await HostProcess.StartAsync(database.File,
            new Dictionary<string, string> { ["Redis__Configuration"] = $"127.0.0.1:{partition.Port}" });
        await using var second = await HostProcess.StartAsync(database.File,
            new Dictionary<string, string> { ["Redis__Configuration"] = redis.Configuration });
        using var admin = first.Client(HostProcess.HostAdminKey);
        var (_, ownerKey) = await admin.CreateTenantAsync();
        using var ownerOnFirst = first.Client(ownerKey);
        using var created = await ownerOnFirst.PostAsJsonAsync("api/app/api-key", new { name = "leaked" });
        var key = await created.JsonAsync(HttpStatusCode.Created);
        using var onSecond = second.Client(key["key"]!.GetValue<string>());
        await onSecond.SendAcceptedAsync(Api.Sms("cached on the second instance"));

        partition.Cut();
        await Eventually.TrueAsync(async () => await RedisHealthAsync(first) == "Degraded", TimeSpan.FromSeconds(20),
            "the first instance has lost redis");
        using (var revoked = await ownerOnFirst.DeleteAsync($"api/app/api-key/{key["id"]}"))
        {
            revoked.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        await Eventually.TrueAsync(async () =>
        {
            using var response = await onSecond.SendAsync(Api.Sms("after revocation"));
            return response.StatusCode == HttpStatusCode.Unauthorized;
        }, TimeSpan.FromSeconds(60), "the second instance refuses the key revoked where redis was unreachable");
        using var again = await onSecond.SendAsync(Api.Sms("still revoked"));
        await again.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static async Task<string> RedisHealthAsync(HostProcess host)
    {
        using var response = await host.Client().GetAsync("health/ready");
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body!["checks"]!["redis"]!["status"]!.GetValue<string>();
    }
}
