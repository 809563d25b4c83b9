using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>Limits across instances: one limit shared through Redis, and each instance on its own while Redis is away.</summary>
public class RateLimitScaleOutTests
{
    [Fact]
    public async Task TwoApiInstances_ShareOneLimit()
    {
        using var database = new TestDatabase();
        await using var redis = await RedisServerProcess.StartAsync();
        var shared = new Dictionary<string, string> { ["Redis__Configuration"] = redis.Configuration, ["role"] = "api" };
        await using var first = await HostProcess.StartAsync(database.File, shared);
        await using var second = await HostProcess.StartAsync(database.File, shared);
        using var admin = first.Client(HostProcess.HostAdminKey);
        var (tenantId, apiKey) = await admin.CreateTenantAsync("Basic");
        await admin.OverrideRateLimitAsync(tenantId, requestsPerMinute: 10);
        using var onFirst = first.Client(apiKey);
        using var onSecond = second.Client(apiKey);
        var answers = new ConcurrentBag<(int Instance, HttpStatusCode Status, int Remaining)>();

        await Parallel.ForAsync(0, 30, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            using var response = await (i % 2 == 0 ? onFirst : onSecond).SendAsync(Api.Sms($"send {i}"));
            answers.Add((i % 2, response.StatusCode, int.Parse(response.Headers.GetValues("RateLimit-Remaining").Single())));
        });

        var admitted = answers.Where(a => a.Status == HttpStatusCode.Accepted).ToList();
        admitted.Count.ShouldBe(10);
        admitted.Select(a => a.Remaining).ShouldBe(Enumerable.Range(0, 10), ignoreOrder: true);
        admitted.Select(a => a.Instance).Distinct().Count().ShouldBe(2, "both instances admitted some");
        answers.Count(a => a.Status == HttpStatusCode.TooManyRequests).ShouldBe(20);
        (await database.StoredMessageIdsAsync()).Count.ShouldBe(10);
    }

    [Fact]
    public async Task RedisStopped_TheInstanceKeepsLimitingOnItsOwn_WithoutErrors_AndSharesAgainWhenItReturns()
    {
        using var database = new TestDatabase();
        await using var redis = await RedisServerProcess.StartAsync();
        await using var host = await HostProcess.StartAsync(database.File, new Dictionary<string, string>
        {
            ["Redis__Configuration"] = redis.Configuration
        });
        using var admin = host.Client(HostProcess.HostAdminKey);
        var (tenantId, apiKey) = await admin.CreateTenantAsync("Basic");
        await admin.OverrideRateLimitAsync(tenantId, requestsPerMinute: 5);
        using var tenant = host.Client(apiKey);
        await tenant.SendAcceptedAsync(Api.Sms("counted in redis"));

        await redis.StopAsync();
        await Eventually.TrueAsync(async () => await RedisHealthAsync(host) == "Degraded", TimeSpan.FromSeconds(20), "health says degraded");
        var whileDown = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var response = await tenant.SendAsync(Api.Sms($"while redis is down {i}"));
            whileDown.Add(response.StatusCode);
        }

        // This instance had counted nothing itself: the whole limit, then refusals; never an error.
        whileDown.ShouldBe([.. Enumerable.Repeat(HttpStatusCode.Accepted, 5), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)]);
        LinesWith(host.Output, "rate limits are enforced by each instance on its own").ShouldBe(1, "the fallback is logged once");

        await redis.RestartAsync();
        await Eventually.TrueAsync(async () => await RedisHealthAsync(host) == "Healthy", TimeSpan.FromSeconds(30), "redis is healthy again");
        // The restarted server kept nothing (no persistence), so the shared window is empty again.
        using var afterReturn = await tenant.SendAsync(Api.Sms("shared again"));
        afterReturn.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        host.Output.ShouldContain("Rate limits are shared through Redis again");
    }

    private static int LinesWith(string output, string phrase) => output.Split('\n').Count(line => line.Contains(phrase, StringComparison.Ordinal));

    private static async Task<string> RedisHealthAsync(HostProcess host)
    {
        using var response = await host.Client().GetAsync("health/ready");
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body!["checks"]!["redis"]!["status"]!.GetValue<string>();
    }
}
