using System.Diagnostics;
using System.Net;
using Messaging.TestSupport;
using Microsoft.Data.Sqlite;

namespace Messaging;

/// <summary>
/// RabbitMQ goes away while clients send: the API keeps accepting, events wait in the outbox, and once the
/// broker is back every event is delivered and handled, none twice.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public class BrokerOutageTests
{
    [Fact]
    public async Task BrokerStopped_ApiKeepsAccepting_OutboxGrows_AndEverythingIsDeliveredOnceAfterItReturns()
    {
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File, RabbitMqTestServer.SettingsFor("outage"));
        await host.RaiseDemoTenantLimitsAsync();
        using var tenant = host.Client(HostProcess.DemoTenantKey);
        var accepted = new List<Guid> { await tenant.SendAcceptedAsync(Api.Sms("before")) };
        await Eventually.TrueAsync(async () => await CountAsync(database, """SELECT count(*) FROM "EbInbox" """) == 1, TimeSpan.FromSeconds(20),
            "the first event is handled");

        await RabbitMqCtlAsync("stop_app");
        try
        {
            for (var i = 0; i < 30; i++)
            {
                accepted.Add(await tenant.SendAcceptedAsync(Api.Sms($"while the broker is away {i}")));
            }

            // The relay has had its go at every event (whatever it made of it) before what became of them is asserted.
            await Eventually.TrueAsync(async () => await CountAsync(database, """
                    SELECT count(*) FROM "EbOutbox" WHERE "SentAt" IS NULL AND "FailedAttempts" = 0 AND "DeadLetteredAt" IS NULL
                    """) == 0,
                TimeSpan.FromSeconds(30), "the relay tried every event of the outage");
            (await CountAsync(database, """SELECT count(*) FROM "EbOutbox" WHERE "SentAt" IS NULL""")).ShouldBe(30);
            (await CountAsync(database, """SELECT count(*) FROM "EbOutbox" WHERE "DeadLetteredAt" IS NOT NULL""")).ShouldBe(0);
        }
        finally
        {
            await RabbitMqCtlAsync("start_app");
        }

        await Eventually.TrueAsync(async () => await CountAsync(database, """SELECT count(*) FROM "EbInbox" """) == accepted.Count
                && await CountAsync(database, """SELECT count(*) FROM "EbOutbox" WHERE "SentAt" IS NULL""") == 0,
            TimeSpan.FromSeconds(60), "every event is confirmed by the broker and handled after it returned");
        (await CountAsync(database, """SELECT count(*) FROM "MsgMessageStatusChanges" WHERE "Status" = 'Queued'""")).ShouldBe(accepted.Count);
        using var readiness = await host.Client().GetAsync("health/ready");
        readiness.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<long> CountAsync(TestDatabase database, string sql)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task RabbitMqCtlAsync(string command)
    {
        var ctl = Environment.GetEnvironmentVariable("MESSAGING_TEST_RABBITMQCTL")
            ?? throw new InvalidOperationException("MESSAGING_TEST_RABBITMQCTL is not set: start the servers with etc/scripts/servers-start.sh.");
        using var process = Process.Start(new ProcessStartInfo(ctl, command) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, await errors);
    }
}
