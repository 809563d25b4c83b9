using System.Net;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>The buffer filled for real: the test holds SQLite's write lock so the host's writer cannot commit.</summary>
public class BackpressureTests
{
    [Fact]
    public async Task SaturatedBuffer_Answers429ThenOnlyUrgentGetsIn_Then503_AndEveryAcceptedSendIsStored()
    {
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File, new Dictionary<string, string>
        {
            ["HighThroughput__Buffer__Capacity"] = "6",
            ["HighThroughput__Buffer__BackpressureThreshold"] = "3",
            ["HighThroughput__Buffer__RetryAfter"] = "00:00:02"
        });
        using var client = host.Client(HostProcess.DemoTenantKey);
        var waiting = new List<Task<Guid>>();

        await using (await database.HoldWriteLockAsync())
        {
            waiting.AddRange(Enumerable.Range(0, 3).Select(i => client.SendAcceptedAsync(Api.Sms($"normal-{i}"))));
            await Eventually.TrueAsync(async () => await host.BufferDepthAsync() == 3, TimeSpan.FromSeconds(10), "three sends wait");

            using var overThreshold = await client.SendAsync(Api.Sms("one more normal"));
            var backpressure = await overThreshold.ProblemAsync(HttpStatusCode.TooManyRequests);
            backpressure["code"]!.GetValue<string>().ShouldBe("Messaging:BufferBackpressure");
            overThreshold.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(2));

            waiting.AddRange(Enumerable.Range(0, 3).Select(i => client.SendAcceptedAsync(Api.Sms($"urgent-{i}", "Critical"))));
            await Eventually.TrueAsync(async () => await host.BufferDepthAsync() == 6, TimeSpan.FromSeconds(10), "the buffer is full");

            using var whenFull = await client.SendAsync(Api.Sms("critical but full", "Critical"));
            var full = await whenFull.ProblemAsync(HttpStatusCode.ServiceUnavailable);
            full["code"]!.GetValue<string>().ShouldBe("Messaging:BufferFull");
            whenFull.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(2));
            using var readiness = await host.Client().GetAsync("health/ready");
            readiness.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            waiting.ShouldAllBe(send => !send.IsCompleted);
        }

        var accepted = await Task.WhenAll(waiting);
        var stored = await database.StoredMessageIdsAsync();
        stored.Count.ShouldBe(6);
        stored.ShouldBe(accepted, ignoreOrder: true);
    }
}
