using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace Messaging.TestSupport;

/// <summary>The runtime settings API as the host admin uses it: GET, change what is needed, PUT back.</summary>
public static class SettingsApi
{
    public const string Path = "api/app/settings/high-throughput";

    public static async Task<(int Version, JsonObject Settings)> GetSettingsAsync(this HttpClient admin)
    {
        using var response = await admin.GetAsync(Path);
        var body = await response.JsonAsync(HttpStatusCode.OK);
        return (body["version"]!.GetValue<int>(), body["settings"]!.AsObject());
    }

    public static Task<HttpResponseMessage> PutSettingsAsync(this HttpClient admin, JsonObject settings, int? expectedVersion = null) =>
        admin.PutAsJsonAsync(Path, new JsonObject { ["expectedVersion"] = expectedVersion, ["settings"] = settings.DeepClone() });

    /// <summary>Changes some settings, the way an operator does; returns the new version.</summary>
    public static async Task<int> ChangeSettingsAsync(this HttpClient admin, Action<JsonObject> change)
    {
        var (version, settings) = await admin.GetSettingsAsync();
        change(settings);
        using var response = await admin.PutSettingsAsync(settings, version);
        return (await response.JsonAsync(HttpStatusCode.OK))["version"]!.GetValue<int>();
    }

    /// <summary>A check of the host's readiness report, with its data (shown to the host admin).</summary>
    public static async Task<JsonObject> ReadinessCheckAsync(this HostProcess host, string check)
    {
        using var client = host.Client(HostProcess.HostAdminKey);
        using var response = await client.GetAsync("health/ready");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["checks"]![check]!.AsObject();
    }

    /// <summary>
    /// Blocks every write to the messages table until disposed, while the rest of the database (the settings table)
    /// stays writable: the host's group-commit writer waits, so the buffer fills for real.
    /// </summary>
    public static async Task<IAsyncDisposable> HoldMessageWritesAsync(this PostgreSqlTestDatabase database)
    {
        var connection = await database.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("""LOCK TABLE "MsgMessages" IN SHARE MODE""", connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        return new MessageWritesLock(connection, transaction);
    }

    private sealed class MessageWritesLock(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
