using System.Net;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>Two instances over one Redis see one circuit state: what one opens, the other refuses, and one reset closes it for both.</summary>
public class CircuitScaleOutTests
{
    [Fact]
    public async Task TwoInstances_ShareOneCircuitState()
    {
        using var database = new TestDatabase();
        await using var redis = await RedisServerProcess.StartAsync();
        var shared = new Dictionary<string, string> { ["Redis__Configuration"] = redis.Configuration };
        await using var first = await HostProcess.StartAsync(database.File, shared);
        await using var second = await HostProcess.StartAsync(database.File, shared);
        using var adminOnFirst = first.Client(HostProcess.HostAdminKey);
        using var adminOnSecond = second.Client(HostProcess.HostAdminKey);
        var (tenantId, apiKey) = await adminOnFirst.CreateTenantAsync("Enterprise");
        using var tenantOnSecond = second.Client(apiKey);

        using (var forced = await adminOnFirst.PostAsync($"api/app/message-provider/circuits/sms/{tenantId}/force-open", null))
        {
            (await forced.JsonAsync(HttpStatusCode.OK))["state"]!.GetValue<string>().ShouldBe("Open");
        }

        var seenBySecond = (await (await tenantOnSecond.GetAsync("api/app/message-provider/circuits")).JsonArrayAsync()).Single()!;
        seenBySecond["provider"]!.GetValue<string>().ShouldBe("sms");
        seenBySecond["state"]!.GetValue<string>().ShouldBe("Open");
        seenBySecond["forcedOpen"]!.GetValue<bool>().ShouldBeTrue();

        using (var reset = await adminOnSecond.PostAsync($"api/app/message-provider/circuits/sms/{tenantId}/reset", null))
        {
            (await reset.JsonAsync(HttpStatusCode.OK))["state"]!.GetValue<string>().ShouldBe("Closed");
        }

        var seenByFirst = await (await adminOnFirst.GetAsync($"api/app/message-provider/circuits?tenantId={tenantId}")).JsonArrayAsync();
        seenByFirst.ShouldAllBe(circuit => circuit!["state"]!.GetValue<string>() == "Closed");
    }
}
