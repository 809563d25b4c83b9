using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Messaging.TestSupport;
using Npgsql;

namespace Messaging;

/// <summary>The HighThroughput settings changed at runtime through the API of the real host, and the send path honouring them.</summary>
public class RuntimeSettingsTests
{
    private const string RestorePath = SettingsApi.Path + "/history/1/restore";

    [Fact]
    public async Task SettingsEndpoints_AreForTheHostAdminOnly()
    {
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File);
        using var admin = host.Client(HostProcess.HostAdminKey);
        var (_, settings) = await admin.GetSettingsAsync();

        foreach (var (caller, expected) in new[] { (host.Client(), HttpStatusCode.Unauthorized), (host.Client(HostProcess.DemoTenantKey), HttpStatusCode.Forbidden) })
        {
            using (caller)
            {
                using var get = await caller.GetAsync(SettingsApi.Path);
                using var put = await caller.PutSettingsAsync(settings);
                using var history = await caller.GetAsync(SettingsApi.Path + "/history");
                using var restore = await caller.PostAsync(RestorePath, null);

                await get.ProblemAsync(expected);
                await put.ProblemAsync(expected);
                await history.ProblemAsync(expected);
                await restore.ProblemAsync(expected);
            }
        }

        (await admin.GetSettingsAsync()).Version.ShouldBe(0);
    }

    [Fact]
    public async Task InvalidSettings_Answer422ListingEveryFailure_AndChangeNothing()
    {
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File);
        using var admin = host.Client(HostProcess.HostAdminKey);
        var (_, settings) = await admin.GetSettingsAsync();
        var invalid = settings.DeepClone().AsObject();
        invalid["buffer"]!["capacity"] = 10;
        invalid["buffer"]!["backpressureThreshold"] = 20;
        invalid["buffer"]!["retryAfter"] = "00:00:00.1";
        invalid["memory"]!["resumeAtPercent"] = 99;
        var malformed = settings.DeepClone().AsObject();
        malformed["buffer"]!["batchSize"] = "big";
        malformed["idempotency"] = null;
        malformed["ingestion"] = new JsonObject { ["mode"] = "NoOp" };

        using var refused = await admin.PutSettingsAsync(invalid, 0);
        using var refusedShape = await admin.PutSettingsAsync(malformed, 0);
        using var missing = await admin.PutAsJsonAsync(SettingsApi.Path, new { expectedVersion = 0 });

        var problem = await refused.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem["code"]!.GetValue<string>().ShouldBe("Messaging:InvalidSettings");
        problem["errors"]!.AsObject().Select(e => e.Key).ShouldBe(
            ["HighThroughput:Buffer:BackpressureThreshold", "HighThroughput:Buffer:RetryAfter", "HighThroughput:Memory:ResumeAtPercent"], ignoreOrder: true);
        var shapeProblem = await refusedShape.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        shapeProblem["errors"]!.AsObject().Select(e => e.Key).ShouldBe(
            ["HighThroughput:Buffer:BatchSize", "HighThroughput:Idempotency", "HighThroughput:Ingestion"], ignoreOrder: true);
        await missing.ProblemAsync(HttpStatusCode.BadRequest);
        var (version, after) = await admin.GetSettingsAsync();
        version.ShouldBe(0);
        JsonNode.DeepEquals(after, settings).ShouldBeTrue();
        using var history = await admin.GetAsync(SettingsApi.Path + "/history");
        (await history.JsonAsync(HttpStatusCode.OK))["totalCount"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task LoweredThresholds_AreHonouredByTheSendPathAtOnce_WhileTheBufferHoldsMessages()
    {
        await using var database = await PostgreSqlTestDatabase.CreateAsync();
        await using var host = await HostProcess.StartAsync(null, new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Default"] = database.ConnectionString,
            ["role"] = "api"
        });
        using var admin = host.Client(HostProcess.HostAdminKey);
        using var client = host.Client(HostProcess.DemoTenantKey);
        var waiting = new List<Task<Guid>>();

        await using (await database.HoldMessageWritesAsync())
        {
            waiting.AddRange(Enumerable.Range(0, 3).Select(i => client.SendAcceptedAsync(Api.Sms($"normal-{i}"))));
            await Eventually.TrueAsync(async () => await host.BufferDepthAsync() == 3, TimeSpan.FromSeconds(10), "three sends wait");

            await admin.ChangeSettingsAsync(settings =>
            {
                settings["buffer"]!["capacity"] = 5;
                settings["buffer"]!["backpressureThreshold"] = 2;
                settings["buffer"]!["retryAfter"] = "00:00:04";
            });

            using var overThreshold = await client.SendAsync(Api.Sms("one more normal"));
            (await overThreshold.ProblemAsync(HttpStatusCode.TooManyRequests))["code"]!.GetValue<string>().ShouldBe("Messaging:BufferBackpressure");
            overThreshold.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(4));
            waiting.AddRange(Enumerable.Range(0, 2).Select(i => client.SendAcceptedAsync(Api.Sms($"urgent-{i}", "Critical"))));
            await Eventually.TrueAsync(async () => await host.BufferDepthAsync() == 5, TimeSpan.FromSeconds(10), "the buffer is full at its new capacity");
            using var whenFull = await client.SendAsync(Api.Sms("critical but full", "Critical"));
            (await whenFull.ProblemAsync(HttpStatusCode.ServiceUnavailable))["code"]!.GetValue<string>().ShouldBe("Messaging:BufferFull");
            whenFull.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(4));
            var buffer = await host.ReadinessCheckAsync("message-buffer");
            buffer["data"]!["capacity"]!.GetValue<int>().ShouldBe(5);
            waiting.ShouldAllBe(send => !send.IsCompleted);
        }

        var accepted = await Task.WhenAll(waiting);
        accepted.Length.ShouldBe(5);
        await using var connection = await database.OpenAsync();
        await using var count = new NpgsqlCommand("""SELECT count(*) FROM "MsgMessages" """, connection);
        ((long)(await count.ExecuteScalarAsync())!).ShouldBe(5);
    }

    [Fact]
    public async Task History_ShowsWhoWhenOldAndNew_RestoreMakesANewVersion_AndAStaleChangeIsAConflict()
    {
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File);
        using var admin = host.Client(HostProcess.HostAdminKey);
        var (_, configured) = await admin.GetSettingsAsync();

        await admin.ChangeSettingsAsync(settings => settings["buffer"]!["batchSize"] = 500);
        await admin.ChangeSettingsAsync(settings => settings["buffer"]!["batchSize"] = 200);
        using var stale = await admin.PutSettingsAsync(configured, expectedVersion: 1);
        using var restored = await admin.PostAsJsonAsync(RestorePath, new { expectedVersion = 2 });
        using var unknown = await admin.PostAsync(SettingsApi.Path + "/history/99/restore", null);
        using var historyResponse = await admin.GetAsync(SettingsApi.Path + "/history?maxResultCount=2");

        (await stale.ProblemAsync(HttpStatusCode.Conflict))["code"]!.GetValue<string>().ShouldBe("Messaging:Conflict");
        var restoredBody = await restored.JsonAsync(HttpStatusCode.OK);
        restoredBody["version"]!.GetValue<int>().ShouldBe(3);
        await unknown.ProblemAsync(HttpStatusCode.NotFound);
        var (version, effective) = await admin.GetSettingsAsync();
        version.ShouldBe(3);
        effective["buffer"]!["batchSize"]!.GetValue<int>().ShouldBe(500);
        var history = await historyResponse.JsonAsync(HttpStatusCode.OK);
        history["totalCount"]!.GetValue<int>().ShouldBe(3);
        var items = history["items"]!.AsArray();
        items.Select(i => i!["version"]!.GetValue<int>()).ShouldBe([3, 2]);
        items[0]!["restoredFromVersion"]!.GetValue<int>().ShouldBe(1);
        items[0]!["oldSettings"]!["buffer"]!["batchSize"]!.GetValue<int>().ShouldBe(200);
        items[0]!["newSettings"]!["buffer"]!["batchSize"]!.GetValue<int>().ShouldBe(500);
        items[1]!["oldSettings"]!["buffer"]!["batchSize"]!.GetValue<int>().ShouldBe(500);
        items.ShouldAllBe(i => i!["changedBy"]!.GetValue<string>() == "host-admin" && i["changedByKeyId"] != null && i["changedAt"] != null);
    }

    [Fact]
    public async Task RestartedHost_ComesUpWithTheStoredSettings()
    {
        using var database = new TestDatabase();
        await using (var first = await HostProcess.StartAsync(database.File))
        {
            using var admin = first.Client(HostProcess.HostAdminKey);
            await admin.ChangeSettingsAsync(settings =>
            {
                settings["buffer"]!["capacity"] = 1234;
                settings["buffer"]!["backpressureThreshold"] = 1000;
            });
            first.Terminate();
            (await first.WaitForExitAsync(TimeSpan.FromSeconds(30))).ShouldBe(0);
        }

        await using var restarted = await HostProcess.StartAsync(database.File);
        using var restartedAdmin = restarted.Client(HostProcess.HostAdminKey);

        var (version, settings) = await restartedAdmin.GetSettingsAsync();
        version.ShouldBe(1);
        settings["buffer"]!["capacity"]!.GetValue<int>().ShouldBe(1234);
        var buffer = await restarted.ReadinessCheckAsync("message-buffer");
        buffer["data"]!["capacity"]!.GetValue<int>().ShouldBe(1234);
        buffer["data"]!["backpressureThreshold"]!.GetValue<int>().ShouldBe(1000);
        (await restarted.ReadinessCheckAsync("runtime-settings"))["data"]!["version"]!.GetValue<int>().ShouldBe(1);
    }
}
