using System.Net;
using Messaging.TestSupport;
using Npgsql;

namespace Messaging;

/// <summary>The real host with Database:Provider=PostgreSql on a database of the test's own.</summary>
public class PostgreSqlHostTests
{
    [Fact]
    public async Task Host_OnPostgreSql_StoresASend_ShowsItsStatus_AndHoldsIdempotencyKeys()
    {
        await using var database = await PostgreSqlTestDatabase.CreateAsync();
        await using var host = await HostProcess.StartAsync(null, new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Default"] = database.ConnectionString
        });
        using var admin = host.Client(HostProcess.HostAdminKey);
        var (_, apiKey) = await admin.CreateTenantAsync();
        using var tenant = host.Client(apiKey);

        using var sent = await tenant.SendAsync(Api.Sms("shipped"), "order-1");
        var accepted = await sent.JsonAsync(HttpStatusCode.Accepted);
        var trackingId = accepted["trackingId"]!.GetValue<Guid>();
        using var statusResponse = await tenant.GetAsync($"api/app/message/{trackingId}/status");
        var status = await statusResponse.JsonAsync(HttpStatusCode.OK);
        var retries = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => tenant.SendAcceptedAsync(Api.Sms("shipped"), "order-1")));
        using var reused = await tenant.SendAsync(Api.Sms("changed"), "order-1");

        status["status"]!.GetValue<string>().ShouldBeOneOf("Accepted", "Queued", "Sending", "Sent");
        status["history"]!.AsArray()[0]!["status"]!.GetValue<string>().ShouldBe("Accepted");
        status["acceptedAt"]!.GetValue<DateTime>().ShouldBe(accepted["acceptedAt"]!.GetValue<DateTime>());
        retries.ShouldAllBe(id => id == trackingId);
        (await reused.ProblemAsync(HttpStatusCode.UnprocessableEntity))["code"]!.GetValue<string>().ShouldBe("Messaging:IdempotencyKeyReused");
        (await StoredCountAsync(database, "order-1")).ShouldBe(1);
    }

    private static async Task<long> StoredCountAsync(PostgreSqlTestDatabase database, string idempotencyKey)
    {
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT count(*) FROM "MsgMessages" WHERE "IdempotencyKey" = @key""", connection);
        command.Parameters.AddWithValue("key", idempotencyKey);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
