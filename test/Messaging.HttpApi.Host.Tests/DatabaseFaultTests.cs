using System.Net;
using Messaging.TestSupport;
using Npgsql;

namespace Messaging;

/// <summary>The database stops under a running host: it answers 503, acknowledges nothing it did not store, and recovers.</summary>
public class DatabaseFaultTests
{
    [Fact]
    public async Task DatabaseStopped_Answers503WithRetryAfter_AcknowledgesNothingUnstored_AndRecovers()
    {
        await using var postgres = await PostgreSqlServerProcess.StartAsync();
        await using var host = await HostProcess.StartAsync(null, new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Default"] = postgres.ConnectionString
        });
        await host.RaiseDemoTenantLimitsAsync();
        using var tenant = host.Client(HostProcess.DemoTenantKey);
        var acknowledged = new List<Guid> { await tenant.SendAcceptedAsync(Api.Sms("before the outage")) };

        await postgres.StopAsync();
        using var duringOutage = await tenant.SendAsync(Api.Sms("during the outage"));
        using var statusDuringOutage = await tenant.GetAsync($"api/app/message/{acknowledged[0]}/status");
        using var readiness = await host.Client().GetAsync("health/ready");

        var problem = await duringOutage.ProblemAsync(HttpStatusCode.ServiceUnavailable);
        problem["code"]!.GetValue<string>().ShouldBe("Messaging:StorageUnavailable");
        duringOutage.Headers.RetryAfter.ShouldNotBeNull();
        await statusDuringOutage.ProblemAsync(HttpStatusCode.ServiceUnavailable);
        readiness.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);

        await postgres.RestartAsync();
        await Eventually.TrueAsync(async () =>
        {
            using var response = await tenant.SendAsync(Api.Sms("after the outage"));
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                acknowledged.Add((await response.JsonAsync(HttpStatusCode.Accepted))["trackingId"]!.GetValue<Guid>());
                return true;
            }

            return false;
        }, TimeSpan.FromSeconds(30), "the host accepts again");
        using var readyAgain = await host.Client().GetAsync("health/ready");
        readyAgain.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await StoredIdsAsync(postgres)).ShouldBe(acknowledged, ignoreOrder: true);
    }

    private static async Task<List<Guid>> StoredIdsAsync(PostgreSqlServerProcess postgres)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "Id" FROM "MsgMessages" """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<Guid>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }
}
