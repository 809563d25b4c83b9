using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>
/// The durability promise under a real crash: clients send with high concurrency and record every 202; the host
/// is killed with SIGKILL mid-load and restarted on the same file. Every acknowledged message must be there,
/// none twice, and retrying every send with its idempotency key must not create a second copy of anything.
/// </summary>
public class CrashRecoveryTests
{
    private const int Senders = 48;

    [Fact]
    public async Task KilledMidLoad_LosesNothingAcknowledged_AndRetriesStoreNothingTwice()
    {
        using var database = new TestDatabase();
        var attempted = new ConcurrentDictionary<string, string>();
        var acknowledged = new ConcurrentDictionary<string, Guid>();

        await using (var first = await HostProcess.StartAsync(database.File))
        {
            await first.RaiseDemoTenantLimitsAsync();
            using var client = first.Client(HostProcess.DemoTenantKey);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var senders = Enumerable.Range(0, Senders)
                .Select(sender => SendUntilFailureAsync(client, sender, attempted, acknowledged, stop.Token))
                .ToArray();

            await Eventually.TrueAsync(() => Task.FromResult(acknowledged.Count >= 1500), TimeSpan.FromSeconds(20), "1,500 sends were acknowledged");
            first.Kill();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
            await Task.WhenAll(senders);
        }

        await using var second = await HostProcess.StartAsync(database.File);
        var stored = await database.StoredMessageIdsAsync();

        stored.Count.ShouldBe(stored.Distinct().Count(), "a message was stored twice");
        var storedSet = stored.ToHashSet();
        acknowledged.Values.Where(id => !storedSet.Contains(id)).ShouldBeEmpty("acknowledged messages were lost in the crash");

        using var retryClient = second.Client(HostProcess.DemoTenantKey);
        await Parallel.ForEachAsync(attempted, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (send, _) =>
        {
            var trackingId = await retryClient.SendAcceptedAsync(Body(send.Value), send.Key);
            if (acknowledged.TryGetValue(send.Key, out var original))
            {
                trackingId.ShouldBe(original);
            }
        });
        (await database.StoredMessageIdsAsync()).Count.ShouldBe(attempted.Count);
    }

    [Fact]
    public async Task KilledWhileACommitIsBlocked_HadAcknowledgedNothing()
    {
        using var database = new TestDatabase();
        Task<HttpResponseMessage>[] sends;
        await using (var host = await HostProcess.StartAsync(database.File))
        {
            await host.RaiseDemoTenantLimitsAsync();
            using var client = host.Client(HostProcess.DemoTenantKey);
            await using (await database.HoldWriteLockAsync())
            {
                sends = Enumerable.Range(0, 20).Select(i => client.SendAsync(Api.Sms($"blocked-{i}"))).ToArray();
                await Eventually.TrueAsync(async () => await host.BufferDepthAsync() == 20, TimeSpan.FromSeconds(10), "twenty sends wait");
                host.Kill();
                await host.WaitForExitAsync(TimeSpan.FromSeconds(10));
            }

            foreach (var send in sends)
            {
                await Should.ThrowAsync<HttpRequestException>(send);
            }
        }

        await using var restarted = await HostProcess.StartAsync(database.File);
        (await database.StoredMessageIdsAsync()).ShouldBeEmpty();
    }

    /// <summary>The documented price of opting out: immediate acknowledgement can lose what the buffer held.</summary>
    [Fact]
    public async Task ImmediateAcknowledgement_CanLoseTheBufferInACrash_AsDocumented()
    {
        using var database = new TestDatabase();
        Guid[] acknowledged;
        await using (var host = await HostProcess.StartAsync(database.File, new Dictionary<string, string>
        {
            ["HighThroughput__Buffer__Acknowledgement"] = "Immediate"
        }))
        {
            await host.RaiseDemoTenantLimitsAsync();
            using var client = host.Client(HostProcess.DemoTenantKey);
            await using (await database.HoldWriteLockAsync())
            {
                acknowledged = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => client.SendAcceptedAsync(Api.Sms($"optimistic-{i}"))));
                host.Kill();
                await host.WaitForExitAsync(TimeSpan.FromSeconds(10));
            }
        }

        await using var restarted = await HostProcess.StartAsync(database.File);
        acknowledged.Length.ShouldBe(20);
        (await database.StoredMessageIdsAsync()).ShouldBeEmpty();
    }

    private static async Task SendUntilFailureAsync(HttpClient client, int sender, ConcurrentDictionary<string, string> attempted,
        ConcurrentDictionary<string, Guid> acknowledged, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var key = $"crash-{sender}-{i}";
            var content = $"message {i} of sender {sender}";
            attempted[key] = content;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, Api.SendPath) { Content = JsonContent.Create(Body(content)) };
                request.Headers.Add("Idempotency-Key", key);
                using var response = await client.SendAsync(request, stop);
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    continue;
                }

                var body = await response.Content.ReadFromJsonAsync<JsonObject>(stop);
                acknowledged[key] = body!["trackingId"]!.GetValue<Guid>();
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or IOException)
            {
                return;
            }
        }
    }

    private static object Body(string content) => Api.Sms(content);
}
