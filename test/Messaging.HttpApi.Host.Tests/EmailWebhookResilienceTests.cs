using System.Net;
using System.Net.Http.Json;
using Messaging.TestSupport;
using Microsoft.Data.Sqlite;

namespace Messaging;

/// <summary>
/// Inbound webhooks across instances and failures: a rule changed on one instance answers on the other at once, an
/// instance killed with phase 2 still in memory loses no count, and phase 2 failing leaves phase 1 answering and
/// counts each email once when it recovers.
/// </summary>
public class EmailWebhookResilienceTests
{
    [Fact]
    public async Task ARuleChangedOnOneInstance_AnswersOnTheOther_WithoutWaitingForTheCacheTtl()
    {
        using var database = new TestDatabase();
        await using var redis = await RedisServerProcess.StartAsync();
        var shared = new Dictionary<string, string> { ["Redis__Configuration"] = redis.Configuration, ["EmailQueue__Inbound__RuleCacheTtl"] = "01:00:00" };
        await using var first = await HostProcess.StartAsync(database.File, shared);
        await using var second = await HostProcess.StartAsync(database.File, shared);
        await first.RaiseDemoTenantLimitsAsync();
        using var tenant = first.Client(HostProcess.DemoTenantKey);
        using var workerOnSecond = second.Client();
        var (workerId, secret) = await tenant.CreateWorkerAsync();
        var rule = await tenant.CreateRuleAsync(new { name = "news", field = "Sender", matchType = "Exact", pattern = "news@shop.example", action = "Delete" });
        (await workerOnSecond.AnswerAsync(workerId, secret, InboundWebhooks.Email("Deals", "news@shop.example"))).Text("action").ShouldBe("Delete");

        using (var update = await tenant.PutAsJsonAsync($"api/app/email-rule/{rule}",
                   new { name = "news", field = "Sender", matchType = "Exact", pattern = "news@shop.example", action = "Tag", target = "newsletters" }))
        {
            update.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await Eventually.TrueAsync(async () =>
            (await workerOnSecond.AnswerAsync(workerId, secret, InboundWebhooks.Email("Deals", "news@shop.example"))).Text("action") == "Tag",
            TimeSpan.FromSeconds(10), "the second instance answers with the changed rule");
        using (var rotated = await tenant.PostAsync($"api/app/email-inbound-worker/{workerId}/rotate-secret", null))
        {
            rotated.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await Eventually.TrueAsync(async () =>
        {
            using var response = await workerOnSecond.PostWebhookAsync(workerId, secret, InboundWebhooks.Email("Deals"));
            return response.StatusCode == HttpStatusCode.Unauthorized;
        }, TimeSpan.FromSeconds(10), "the second instance refuses the rotated secret");
    }

    [Fact]
    public async Task AnAddressWhoseWebhooksKeepFailingVerification_IsRefusedWith429()
    {
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File, new Dictionary<string, string>
        {
            ["Authentication__FailedAttempts__PerMinute"] = "3",
            ["Authentication__FailedAttempts__Burst"] = "3"
        });
        using var tenant = host.Client(HostProcess.DemoTenantKey);
        using var client = host.Client();
        var (workerId, secret) = await tenant.CreateWorkerAsync();
        (await client.AnswerAsync(workerId, secret, InboundWebhooks.Email("before"))).Text("action").ShouldBe("Forward");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var guess = await client.PostWebhookAsync(Guid.NewGuid(), secret, InboundWebhooks.Email("guessing"));
            statuses.Add(guess.StatusCode);
        }

        using var refused = await client.PostWebhookAsync(workerId, secret, InboundWebhooks.Email("after"));
        statuses.Take(3).ShouldAllBe(status => status == HttpStatusCode.NotFound);
        statuses.Last().ShouldBe(HttpStatusCode.TooManyRequests);
        (await refused.ProblemAsync(HttpStatusCode.TooManyRequests))["code"]!.GetValue<string>().ShouldBe("Messaging:TooManyFailedAuthentications");
        refused.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Fact]
    public async Task AnInstanceKilledWithPhase2InMemory_LosesNoCount_TheNextProcessesEachEmailOnce()
    {
        using var database = new TestDatabase();
        const int emails = 40;
        (Guid Id, string Secret) worker;
        await using (var first = await HostProcess.StartAsync(database.File, new Dictionary<string, string>
                     {
                         // Phase 2 holds everything in memory when the process dies.
                         ["EmailQueue__Inbound__FlushInterval"] = "01:00:00",
                         ["EmailQueue__Inbound__BatchSize"] = "100000",
                         ["EmailQueue__Inbound__RecoverAfter"] = "01:00:00"
                     }))
        {
            using var tenant = first.Client(HostProcess.DemoTenantKey);
            using var client = first.Client();
            worker = await tenant.CreateWorkerAsync();
            for (var i = 0; i < emails; i++)
            {
                (await client.AnswerAsync(worker.Id, worker.Secret, InboundWebhooks.Email($"order {i % 4}"))).Text("action").ShouldBe("Forward");
            }

            (await tenant.StatsAsync()).Number("forwarded").ShouldBe(0);
            first.Kill();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        await using var second = await HostProcess.StartAsync(database.File, new Dictionary<string, string> { ["EmailQueue__Inbound__RecoverAfter"] = "00:00:01" });
        await second.RaiseDemoTenantLimitsAsync();
        using var tenantOnSecond = second.Client(HostProcess.DemoTenantKey);
        await Eventually.TrueAsync(async () => (await tenantOnSecond.StatsAsync()).Number("forwarded") >= emails, TimeSpan.FromSeconds(30),
            "the recovery counted the emails the killed instance held");
        await second.Client().AnswerAsync(worker.Id, worker.Secret, InboundWebhooks.Email("after the restart"));
        await Eventually.TrueAsync(async () => (await tenantOnSecond.StatsAsync()).Number("forwarded") == emails + 1, TimeSpan.FromSeconds(30),
            "the new email is counted too");
        (await tenantOnSecond.StatsAsync()).Number("forwarded").ShouldBe(emails + 1);
    }

    [Fact]
    public async Task AnInstanceStoppedGracefully_FlushesPhase2BeforeItExits()
    {
        using var database = new TestDatabase();
        const int emails = 25;
        var held = new Dictionary<string, string>
        {
            ["EmailQueue__Inbound__FlushInterval"] = "01:00:00",
            ["EmailQueue__Inbound__BatchSize"] = "100000",
            ["EmailQueue__Inbound__RecoverAfter"] = "01:00:00"
        };
        await using (var first = await HostProcess.StartAsync(database.File, held))
        {
            using var tenant = first.Client(HostProcess.DemoTenantKey);
            using var client = first.Client();
            var worker = await tenant.CreateWorkerAsync("Drop");
            for (var i = 0; i < emails; i++)
            {
                await client.AnswerAsync(worker.Id, worker.Secret, InboundWebhooks.Email($"held {i}"));
            }

            first.Terminate();
            (await first.WaitForExitAsync(TimeSpan.FromSeconds(60))).ShouldBe(0);
        }

        // No recovery runs within the test: what is counted was written by the stopping instance.
        await using var second = await HostProcess.StartAsync(database.File, held);
        using var tenantOnSecond = second.Client(HostProcess.DemoTenantKey);
        (await tenantOnSecond.StatsAsync()).Number("dropped").ShouldBe(emails);
    }

    [Fact]
    public async Task WhilePhase2sWritesFail_Phase1KeepsAnswering_ThenEachEmailIsCountedOnce()
    {
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File, new Dictionary<string, string>
        {
            ["EmailQueue__Inbound__FlushInterval"] = "00:00:00.200",
            ["EmailQueue__Inbound__MaxBatchAttempts"] = "2",
            ["EmailQueue__Inbound__FirstRetryDelay"] = "00:00:00.100",
            ["EmailQueue__Inbound__RecoverAfter"] = "00:00:02"
        });
        await host.RaiseDemoTenantLimitsAsync();
        using var tenant = host.Client(HostProcess.DemoTenantKey);
        using var admin = host.Client(HostProcess.HostAdminKey);
        using var client = host.Client();
        var worker = await tenant.CreateWorkerAsync("Delete");
        await client.AnswerAsync(worker.Id, worker.Secret, InboundWebhooks.Email("before"));
        await Eventually.TrueAsync(async () => (await tenant.StatsAsync()).Number("deleted") == 1, TimeSpan.FromSeconds(20), "phase 2 works");

        // The statistics table disappears under the running host: every phase-2 batch fails until it is back.
        await ExecuteAsync(database.File, """ALTER TABLE "EmlInboundStats" RENAME TO "EmlInboundStatsAway" """);
        for (var i = 0; i < 10; i++)
        {
            (await client.AnswerAsync(worker.Id, worker.Secret, InboundWebhooks.Email($"during {i}"))).Text("action").ShouldBe("Delete");
        }

        await Eventually.TrueAsync(async () =>
        {
            using var status = await admin.GetAsync("api/app/email-webhook/async-queue/status");
            return (await status.JsonAsync(HttpStatusCode.OK)).Number("failed") > 0;
        }, TimeSpan.FromSeconds(20), "phase 2 counted its failed tasks");
        await ExecuteAsync(database.File, """ALTER TABLE "EmlInboundStatsAway" RENAME TO "EmlInboundStats" """);

        await Eventually.TrueAsync(async () => (await tenant.StatsAsync()).Number("deleted") >= 11, TimeSpan.FromSeconds(30),
            "the recovery counted what failed");
        await client.AnswerAsync(worker.Id, worker.Secret, InboundWebhooks.Email("after"));
        await Eventually.TrueAsync(async () => (await tenant.StatsAsync()).Number("deleted") == 12, TimeSpan.FromSeconds(30), "the next email is counted");
        (await tenant.StatsAsync()).Number("deleted").ShouldBe(12);
    }

    private static async Task ExecuteAsync(string databaseFile, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={databaseFile};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 10000; " + sql;
        await command.ExecuteNonQueryAsync();
    }
}
