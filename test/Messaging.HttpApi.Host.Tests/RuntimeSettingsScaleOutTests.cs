using System.Net;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>Two instances sharing PostgreSQL: a settings change made on one is in effect on the other, without a restart.</summary>
public class RuntimeSettingsScaleOutTests
{
    [Fact]
    public async Task AChangeOnOneInstance_IsHonouredByTheOther_ThroughTheBackplane()
    {
        await using var database = await PostgreSqlTestDatabase.CreateAsync();
        await using var redis = await RedisServerProcess.StartAsync();
        // An hour between polls: within this test only the backplane can carry the change.
        var shared = SharedSettings(database, pollInterval: "01:00:00");
        shared["Redis__Configuration"] = redis.Configuration;
        await using var first = await HostProcess.StartAsync(null, shared);
        await using var second = await HostProcess.StartAsync(null, shared);
        using var adminOnFirst = first.Client(HostProcess.HostAdminKey);
        using var adminOnSecond = second.Client(HostProcess.HostAdminKey);
        using var clientOnSecond = second.Client(HostProcess.DemoTenantKey);

        var version = await adminOnFirst.ChangeSettingsAsync(settings =>
        {
            settings["buffer"]!["capacity"] = 2;
            settings["buffer"]!["backpressureThreshold"] = 1;
        });

        await Eventually.TrueAsync(async () => (await adminOnSecond.GetSettingsAsync()).Version == version,
            TimeSpan.FromSeconds(10), "the second instance runs with the new version");
        await using (await database.HoldMessageWritesAsync())
        {
            var waiting = clientOnSecond.SendAcceptedAsync(Api.Sms("fills the one slot below the threshold"));
            await Eventually.TrueAsync(async () => await second.BufferDepthAsync() == 1, TimeSpan.FromSeconds(10), "one send waits");

            using var refused = await clientOnSecond.SendAsync(Api.Sms("over the new threshold"));

            (await refused.ProblemAsync(HttpStatusCode.TooManyRequests))["code"]!.GetValue<string>().ShouldBe("Messaging:BufferBackpressure");
            waiting.IsCompleted.ShouldBeFalse();
        }
    }

    [Fact]
    public async Task WithoutABackplaneBetweenThem_TheOtherInstanceFindsTheChangeByPolling()
    {
        await using var database = await PostgreSqlTestDatabase.CreateAsync();
        var shared = SharedSettings(database, pollInterval: "00:00:01");
        await using var first = await HostProcess.StartAsync(null, shared);
        await using var second = await HostProcess.StartAsync(null, shared);
        using var adminOnFirst = first.Client(HostProcess.HostAdminKey);
        using var adminOnSecond = second.Client(HostProcess.HostAdminKey);

        var version = await adminOnFirst.ChangeSettingsAsync(settings =>
        {
            settings["buffer"]!["capacity"] = 777;
            settings["buffer"]!["backpressureThreshold"] = 700;
        });

        await Eventually.TrueAsync(async () =>
            (await second.ReadinessCheckAsync("message-buffer"))["data"]!["capacity"]!.GetValue<int>() == 777,
            TimeSpan.FromSeconds(15), "the second instance's buffer has the new capacity");
        (await adminOnSecond.GetSettingsAsync()).Version.ShouldBe(version);
    }

    private static Dictionary<string, string> SharedSettings(PostgreSqlTestDatabase database, string pollInterval) => new()
    {
        ["Database__Provider"] = "PostgreSql",
        ["ConnectionStrings__Default"] = database.ConnectionString,
        ["RuntimeSettings__PollInterval"] = pollInterval,
        // Only the API role: the instances share no job server, which keeps the test about settings.
        ["role"] = "api"
    };
}
