using System.Collections.Concurrent;
using Messaging.TestSupport;
using Npgsql;

namespace Messaging;

/// <summary>
/// Production shape on one machine: two API instances and one worker sharing PostgreSQL, Redis and RabbitMQ.
/// Sends go to both APIs; every message is stored once and its acceptance handled once, even though the worker
/// is killed halfway and a new one takes over, and every message is sent, those the killed worker had claimed included.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public class ScaleOutTests
{
    private const int MessagesPerHalf = 150;

    [Fact]
    public async Task TwoApisAndAWorker_StoreEachMessageOnce_HandleEachEventOnce_AndSurviveAWorkerRestart()
    {
        await using var database = await PostgreSqlTestDatabase.CreateAsync();
        await using var redis = await RedisServerProcess.StartAsync();
        var shared = RabbitMqTestServer.SettingsFor("scale-out");
        shared["Database__Provider"] = "PostgreSql";
        shared["ConnectionStrings__Default"] = database.ConnectionString;
        shared["Redis__Configuration"] = redis.Configuration;
        shared["EventBus__ClaimTimeout"] = "00:00:03";
        // The killed worker may hold dispatch claims; its messages are sent by the replacement once those expire.
        shared["HighThroughput__CircuitBreaker__TimeoutDuration"] = "00:00:02";
        shared["HighThroughput__CircuitBreaker__RetryMaxDelay"] = "00:00:01";
        shared["HighThroughput__Dispatch__ClaimTimeout"] = "00:00:10";
        var accepted = new ConcurrentBag<Guid>();

        await using var firstApi = await HostProcess.StartAsync(null, With(shared, "api"));
        await using var secondApi = await HostProcess.StartAsync(null, With(shared, "api"));
        await firstApi.RaiseDemoTenantLimitsAsync();
        var worker = await HostProcess.StartAsync(null, With(shared, "worker"));
        await SendHalfAsync(firstApi, secondApi, "first", accepted);
        worker.Kill();
        await worker.WaitForExitAsync(TimeSpan.FromSeconds(10));
        await worker.DisposeAsync();

        await SendHalfAsync(firstApi, secondApi, "second", accepted);
        await using var replacement = await HostProcess.StartAsync(null, With(shared, "worker"));

        await Eventually.TrueAsync(async () => await CountAsync(database, """SELECT count(*) FROM "MsgMessageStatusChanges" WHERE "Status" = 'Queued'""") >= accepted.Count
                && await CountAsync(database, """SELECT count(*) FROM "EbOutbox" WHERE "SentAt" IS NULL""") == 0,
            TimeSpan.FromSeconds(60), "every message is queued and every event confirmed");
        accepted.Count.ShouldBe(2 * MessagesPerHalf);
        accepted.Distinct().Count().ShouldBe(accepted.Count);
        (await CountAsync(database, """SELECT count(*) FROM "MsgMessages" """)).ShouldBe(accepted.Count);
        await Eventually.TrueAsync(async () => await CountAsync(database, """SELECT count(*) FROM "MsgMessages" WHERE "Status" = 'Sent'""") == accepted.Count,
            TimeSpan.FromSeconds(60), "every message is dispatched");
        (await CountAsync(database, """SELECT count(*) FROM "MsgSandboxDeliveries" """)).ShouldBe(accepted.Count);
        (await CountAsync(database, """SELECT count(*) FROM "MsgMessageStatusChanges" WHERE "Status" = 'Queued'""")).ShouldBe(accepted.Count);
        (await CountAsync(database, """SELECT count(*) FROM "EbInbox" """)).ShouldBe(accepted.Count);
        (await CountAsync(database, """SELECT count(*) FROM hangfire.server""")).ShouldBeGreaterThan(0);
    }

    private static Dictionary<string, string> With(Dictionary<string, string> shared, string role) =>
        new(shared) { ["role"] = role };

    private static async Task SendHalfAsync(HostProcess firstApi, HostProcess secondApi, string half, ConcurrentBag<Guid> accepted)
    {
        using var first = firstApi.Client(HostProcess.DemoTenantKey);
        using var second = secondApi.Client(HostProcess.DemoTenantKey);
        await Parallel.ForAsync(0, MessagesPerHalf, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var client = i % 2 == 0 ? first : second;
            accepted.Add(await client.SendAcceptedAsync(Api.Sms($"{half} half, message {i}"), $"{half}-{i}"));
        });
    }

    private static async Task<long> CountAsync(PostgreSqlTestDatabase database, string sql)
    {
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
