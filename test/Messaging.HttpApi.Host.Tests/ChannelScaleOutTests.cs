using System.Net;
using System.Net.Http.Json;
using Messaging.TestSupport;
using Npgsql;

namespace Messaging;

/// <summary>
/// The Channel module on several instances sharing PostgreSQL and the test servers' Redis: a post on one instance reaches
/// subscribers of another, a change evicts cached metadata everywhere, and delayed messages are posted once whichever
/// workers run, a worker killed with SIGKILL mid-delivery included.
/// </summary>
public sealed class ChannelScaleOutTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task APostOnOneInstance_ReachesSubscribersOfAnother_AndAChangeIsSeenEverywhereAtOnce()
    {
        await using var database = await PostgreSqlTestDatabase.CreateAsync();
        var shared = Shared(database);
        await using var first = await HostProcess.StartAsync(null, shared);
        await using var second = await HostProcess.StartAsync(null, shared);
        using var onFirst = first.Client(HostProcess.DemoTenantKey);
        using var onSecond = second.Client(HostProcess.DemoTenantKey);
        var channel = await ChannelTests.CreateChannelAsync(onFirst);
        await using var subscriberOfFirst = await EventStream.OpenAsync(first, ChannelTests.EventsPath(channel), HostProcess.DemoTenantKey);
        await using var subscriberOfSecond = await EventStream.OpenAsync(second, ChannelTests.EventsPath(channel), HostProcess.DemoTenantKey);

        await ChannelTests.PostAsync(onSecond, channel, "posted on the second");
        await ChannelTests.PostAsync(onFirst, channel, "posted on the first");

        foreach (var subscriber in new[] { subscriberOfFirst, subscriberOfSecond })
        {
            await subscriber.WaitForAsync("posted on the first", Patience);
            await subscriber.WaitForAsync("posted on the second", Patience);
            subscriber.Ids().ShouldBe([1, 2]);
        }

        (await (await onFirst.GetAsync($"api/app/channel/{channel}")).JsonAsync(HttpStatusCode.OK))["isArchived"]!.GetValue<bool>().ShouldBeFalse();
        using var archived = await onSecond.PutAsJsonAsync($"api/app/channel/{channel}", new { name = "archived orders", isArchived = true });
        await archived.JsonAsync(HttpStatusCode.OK);
        await Eventually.TrueAsync(async () =>
                (await (await onFirst.GetAsync($"api/app/channel/{channel}")).JsonAsync(HttpStatusCode.OK))["name"]!.GetValue<string>() == "archived orders",
            TimeSpan.FromSeconds(5), "the first instance forgot the cached metadata");
        using var refused = await onFirst.PostAsJsonAsync($"api/app/channel/{channel}/message", new { content = "too late" });
        (await refused.ProblemAsync(HttpStatusCode.Conflict))["code"]!.GetValue<string>().ShouldBe("Messaging:Channel:Archived");
    }

    [Fact]
    public async Task DelayedMessages_ArePostedOnce_ByTwoWorkers_AfterTheFirstWasKilledMidDelivery()
    {
        const int Scheduled = 300;
        await using var database = await PostgreSqlTestDatabase.CreateAsync();
        var shared = Shared(database);
        var doomed = await HostProcess.StartAsync(null, shared);
        await doomed.RaiseDemoTenantLimitsAsync();
        using var client = doomed.Client(HostProcess.DemoTenantKey);
        var channel = await ChannelTests.CreateChannelAsync(client);
        var deliverAt = DateTime.UtcNow.AddSeconds(10);
        await Parallel.ForAsync(0, Scheduled, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            await ChannelTests.PostAsync(client, channel, $"scheduled {i}", deliverAt, HttpStatusCode.Accepted));

        await Eventually.TrueAsync(async () => await CountAsync(database, """SELECT count(*) FROM "ChnMessages" """) > 0, Patience,
            "the first worker started delivering");
        doomed.Kill();
        await doomed.WaitForExitAsync(TimeSpan.FromSeconds(10));
        await doomed.DisposeAsync();
        await using var firstWorker = await HostProcess.StartAsync(null, shared);
        await using var secondWorker = await HostProcess.StartAsync(null, shared);

        await Eventually.TrueAsync(async () => await CountAsync(database, """SELECT count(*) FROM "ChnDelayedMessages" WHERE "Status" = 'Waiting'""") == 0,
            Patience, "every delayed message was delivered");
        (await CountAsync(database, """SELECT count(*) FROM "ChnMessages" """)).ShouldBe(Scheduled);
        (await CountAsync(database, """SELECT count(DISTINCT "DelayedMessageId") FROM "ChnMessages" """)).ShouldBe(Scheduled);
        (await CountAsync(database, """SELECT max("Sequence") FROM "ChnMessages" """)).ShouldBe(Scheduled);
        (await CountAsync(database, """SELECT count(*) FROM "ChnDelayedMessages" WHERE "Status" = 'Delivered'""")).ShouldBe(Scheduled);
        (await CountAsync(database, """SELECT coalesce(sum("Waiting"), 0) FROM "ChnDelayedQuotas" """)).ShouldBe(0);
    }

    private static Dictionary<string, string> Shared(PostgreSqlTestDatabase database) => new()
    {
        ["Database__Provider"] = "PostgreSql",
        ["ConnectionStrings__Default"] = database.ConnectionString,
        ["Redis__Configuration"] = RedisTestServer.Configuration(),
        ["Channel__DelayedMessages__ClaimDuration"] = "00:00:05",
        ["Channel__DelayedMessages__PollInterval"] = "00:00:00.200",
        ["Channel__DelayedMessages__BatchSize"] = "20"
    };

    private static async Task<long> CountAsync(PostgreSqlTestDatabase database, string sql)
    {
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
