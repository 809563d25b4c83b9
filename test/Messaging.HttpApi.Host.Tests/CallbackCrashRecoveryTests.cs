using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>
/// A status callback owed to a tenant is a row in the database, not a job in the process's memory: a host killed
/// with SIGKILL after a failed attempt posts it again once restarted, as the next attempt of the same event.
/// </summary>
public class CallbackCrashRecoveryTests
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Delivery__AllowPrivateNetworks"] = "true",
        // A tenant's unconfigured channel has no provider: its messages wait in Queued, where they can be cancelled.
        ["Delivery__FallbackProvider"] = "",
        ["Delivery__Callbacks__FirstRetryDelay"] = "00:00:03",
        ["EventBus__RelayPollInterval"] = "00:00:00.200"
    };

    [Fact]
    public async Task CallbackOwedWhenTheHostIsKilled_IsPostedAfterTheRestart()
    {
        using var database = new TestDatabase();
        await using var receiver = new LoopbackHttpServer(HttpStatusCode.InternalServerError, HttpStatusCode.OK);
        string key;
        Guid trackingId;
        await using (var first = await HostProcess.StartAsync(database.File, Settings))
        {
            using var admin = first.Client(HostProcess.HostAdminKey);
            (_, key) = await admin.CreateTenantAsync();
            using var tenant = first.Client(key);
            using var set = await tenant.PutAsJsonAsync("api/app/message-callback", new { url = receiver.Url().ToString() });
            set.StatusCode.ShouldBe(HttpStatusCode.OK);
            trackingId = await tenant.SendAcceptedAsync(Api.Sms("withdrawn"));
            using var cancelled = await tenant.PostAsync($"api/app/message/{trackingId}/cancel", null);
            cancelled.StatusCode.ShouldBe(HttpStatusCode.OK);

            await Eventually.TrueAsync(async () => (await database.OwedCallbackFailedAttemptsAsync()).SequenceEqual([1]),
                TimeSpan.FromSeconds(30), "the first attempt failed and the callback is owed again");
            first.Kill();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        receiver.Received.Count.ShouldBe(1);
        await using var restarted = await HostProcess.StartAsync(database.File, Settings);
        await Eventually.TrueAsync(() => Task.FromResult(receiver.Received.Count >= 2), TimeSpan.FromSeconds(60), "the restarted host posts the callback");
        await Eventually.TrueAsync(async () => (await database.OwedCallbackFailedAttemptsAsync()).Count == 0,
            TimeSpan.FromSeconds(10), "the delivered callback is no longer owed");

        var (failed, delivered) = (receiver.Received[0], receiver.Received[1]);
        delivered.Headers["X-Messaging-Attempt"].ShouldBe("2");
        delivered.Headers["Idempotency-Key"].ShouldBe(failed.Headers["Idempotency-Key"]);
        JsonNode.Parse(delivered.Body)!["trackingId"]!.GetValue<Guid>().ShouldBe(trackingId);
        receiver.Received.Count.ShouldBe(2);
    }
}
