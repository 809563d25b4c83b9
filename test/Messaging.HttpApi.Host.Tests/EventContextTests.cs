using Messaging.TestSupport;
using Microsoft.Data.Sqlite;

namespace Messaging;

/// <summary>An accepted message's event carries the request's trace context, correlation id and tenant to its consumers.</summary>
public class EventContextTests
{
    [Fact]
    public async Task AcceptanceEvent_CarriesTraceParentCorrelationIdAndTenant()
    {
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File);
        using var admin = host.Client(HostProcess.HostAdminKey);
        var (tenantId, apiKey) = await admin.CreateTenantAsync();
        using var tenant = host.Client(apiKey);
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        using var request = new HttpRequestMessage(HttpMethod.Post, Api.SendPath) { Content = System.Net.Http.Json.JsonContent.Create(Api.Sms()) };
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");
        request.Headers.Add("X-Correlation-Id", "checkout-42");

        using var response = await tenant.SendAsync(request);
        response.EnsureSuccessStatusCode();

        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "TraceParent", "CorrelationId", "TenantId" FROM "EbOutbox" """;
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        reader.GetString(0).ShouldContain(traceId);
        reader.GetString(1).ShouldBe("checkout-42");
        Guid.Parse(reader.GetString(2)).ShouldBe(tenantId);
    }
}
