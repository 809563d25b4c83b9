using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Messaging.TestSupport;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Messaging;

/// <summary>What the host logs while it starts and runs its first rounds of background work.</summary>
[Collection(SharedHostCollection.Name)]
public class HostStartLogTests(SharedHost shared)
{
    [Fact]
    public async Task NoQuery_LimitsRowsWithoutAnOrder()
    {
        using var tenant = shared.Host.Client(HostProcess.DemoTenantKey);
        var trackingId = await tenant.SendAcceptedAsync(Api.Sms("wakes the dispatcher"));
        // Sent means the dispatcher ran its claim queries, the outbox relay and the event handlers theirs.
        await Eventually.TrueAsync(async () =>
        {
            using var response = await tenant.GetAsync($"api/app/message/{trackingId}/status");
            return (await response.JsonAsync(HttpStatusCode.OK))["status"]!.GetValue<string>() == "Sent";
        }, TimeSpan.FromSeconds(30), "the message is sent");

        var unordered = LogEntries(shared.Host.Output)
            .Where(entry => entry["EventId"]?.GetValue<int>() == CoreEventId.RowLimitingOperationWithoutOrderByWarning.Id)
            .Select(entry => entry["Message"]?.GetValue<string>())
            .ToList();

        LogEntries(shared.Host.Output).ShouldNotBeEmpty();
        unordered.ShouldBeEmpty();
    }

    private static IEnumerable<JsonObject> LogEntries(string output)
    {
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            JsonObject? entry = null;
            try
            {
                entry = JsonNode.Parse(line) as JsonObject;
            }
            catch (JsonException)
            {
            }

            if (entry is not null)
            {
                yield return entry;
            }
        }
    }
}
