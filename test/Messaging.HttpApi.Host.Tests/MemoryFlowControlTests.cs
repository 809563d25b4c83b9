using System.Net;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>Load shedding on the real host: a memory limit it is already over, then raised through the settings API.</summary>
public class MemoryFlowControlTests
{
    [Fact]
    public async Task OverItsMemoryLimit_TheHostShedsSendsWith503_ReportsNotReady_AndRecoversWhenTheLimitIsRaised()
    {
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File, new Dictionary<string, string>
        {
            // No .NET process fits in 1 MiB: the host sheds from its first sample.
            ["HighThroughput__Memory__LimitBytes"] = "1048576"
        }, waitUntilReady: false);
        using var client = host.Client(HostProcess.DemoTenantKey);
        using var admin = host.Client(HostProcess.HostAdminKey);

        await Eventually.TrueAsync(async () =>
        {
            using var probe = host.Client();
            using var readiness = await probe.GetAsync("health/ready");
            return readiness.StatusCode == HttpStatusCode.ServiceUnavailable;
        }, TimeSpan.FromSeconds(10), "the host reports itself not ready");
        var memory = await host.ReadinessCheckAsync("memory");
        memory["status"]!.GetValue<string>().ShouldBe("Unhealthy");
        memory["data"]!["shedding"]!.GetValue<bool>().ShouldBeTrue();
        memory["data"]!["limitBytes"]!.GetValue<long>().ShouldBe(1048576);

        using var shed = await client.SendAsync(Api.Sms("while shedding"));
        (await shed.ProblemAsync(HttpStatusCode.ServiceUnavailable))["code"]!.GetValue<string>().ShouldBe("Messaging:MemoryPressure");
        shed.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5));
        using var statusWhileShedding = await client.GetAsync($"api/app/message/{Guid.NewGuid()}/status");
        statusWhileShedding.StatusCode.ShouldBe(HttpStatusCode.NotFound, "reads are not shed");
        var metrics = await host.Client().GetStringAsync("metrics");
        metrics.ShouldContain("messaging_flowcontrol_shed_requests{reason=\"memory\"} 1");
        metrics.ShouldContain("messaging_flowcontrol_memory_shedding 1");
        (await database.StoredMessageIdsAsync()).ShouldBeEmpty();

        // The settings API is not shed: the host admin can always act.
        await admin.ChangeSettingsAsync(settings => settings["memory"]!["limitBytes"] = 1L << 40);

        await Eventually.TrueAsync(async () =>
        {
            using var probe = host.Client();
            using var readiness = await probe.GetAsync("health/ready");
            return readiness.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(10), "the host is ready again");
        var trackingId = await client.SendAcceptedAsync(Api.Sms("after recovery"));
        (await database.StoredMessageIdsAsync()).ShouldBe([trackingId]);
        (await host.ReadinessCheckAsync("memory"))["data"]!["shedding"]!.GetValue<bool>().ShouldBeFalse();
    }
}
