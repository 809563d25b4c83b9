using System.Net;
using System.Net.Http.Json;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>The host admin's view of parked events and their replay, on the real host.</summary>
[Collection(SharedHostCollection.Name)]
public class ParkedEventTests(SharedHost shared)
{
    private const string Path = "api/app/event-bus/parked-events";
    private readonly HostProcess _host = shared.Host;

    [Fact]
    public async Task HostAdmin_FindsAParkedAcceptance_AndReplayingItQueuesTheMessage()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);
        var (tenantId, key) = await admin.CreateTenantAsync();
        using var tenant = _host.Client(key);
        var (messageId, eventId) = await shared.Database.InsertMessageWithParkedAcceptanceAsync(tenantId);

        var listed = await (await admin.GetAsync($"{Path}?tenantId={tenantId}&eventName=messages.message-accepted")).JsonAsync(HttpStatusCode.OK);
        using var replay = await admin.PostAsync($"{Path}/{eventId}/replay", null);
        var replayed = await replay.JsonAsync(HttpStatusCode.OK);
        await Eventually.TrueAsync(async () => await StatusAsync(tenant, messageId) != "Accepted", TimeSpan.FromSeconds(30), "the message leaves Accepted");
        var afterwards = await (await admin.GetAsync($"{Path}?tenantId={tenantId}")).JsonAsync(HttpStatusCode.OK);
        using var replayAgain = await admin.PostAsync($"{Path}/{eventId}/replay", null);

        listed["totalCount"]!.GetValue<long>().ShouldBe(1);
        var parked = listed["items"]!.AsArray().ShouldHaveSingleItem()!.AsObject();
        parked["id"]!.GetValue<Guid>().ShouldBe(eventId);
        parked["tenantId"]!.GetValue<Guid>().ShouldBe(tenantId);
        parked["failedAttempts"]!.GetValue<int>().ShouldBe(5);
        replayed["replayed"]!.GetValue<int>().ShouldBe(1);
        afterwards["totalCount"]!.GetValue<long>().ShouldBe(0);
        await replayAgain.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ReplayAll_ReplaysOnlyWhatMatchesTheFilter()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);
        var (tenantA, keyA) = await admin.CreateTenantAsync();
        var (tenantB, _) = await admin.CreateTenantAsync();
        using var clientA = _host.Client(keyA);
        var (messageA, _) = await shared.Database.InsertMessageWithParkedAcceptanceAsync(tenantA);
        var (_, eventB) = await shared.Database.InsertMessageWithParkedAcceptanceAsync(tenantB);

        using var response = await admin.PostAsJsonAsync($"{Path}/replay", new { tenantId = tenantA });
        var replayed = await response.JsonAsync(HttpStatusCode.OK);
        await Eventually.TrueAsync(async () => await StatusAsync(clientA, messageA) != "Accepted", TimeSpan.FromSeconds(30), "tenant A's message leaves Accepted");
        var stillParked = await (await admin.GetAsync($"{Path}?tenantId={tenantB}")).JsonAsync(HttpStatusCode.OK);

        replayed["replayed"]!.GetValue<int>().ShouldBe(1);
        stillParked["items"]!.AsArray().ShouldHaveSingleItem()!["id"]!.GetValue<Guid>().ShouldBe(eventB);
    }

    [Fact]
    public async Task UnknownIds_BadFilters_AndTenantKeys_AreRefusedWithProblems()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);
        var (_, key) = await admin.CreateTenantAsync();
        using var tenant = _host.Client(key);

        using var unknown = await admin.PostAsync($"{Path}/{Guid.NewGuid()}/replay", null);
        using var emptyRange = await admin.GetAsync($"{Path}?parkedFrom=2026-12-01T12:00:00Z&parkedBefore=2026-12-01T12:00:00Z");
        using var pageTooLarge = await admin.GetAsync($"{Path}?maxResultCount=5000");
        using var byTenant = await tenant.GetAsync(Path);
        using var replayByTenant = await tenant.PostAsJsonAsync($"{Path}/replay", new { });

        await unknown.ProblemAsync(HttpStatusCode.NotFound);
        await emptyRange.ProblemAsync(HttpStatusCode.BadRequest);
        await pageTooLarge.ProblemAsync(HttpStatusCode.BadRequest);
        byTenant.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        replayByTenant.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static async Task<string> StatusAsync(HttpClient tenant, Guid messageId) =>
        (await (await tenant.GetAsync($"api/app/message/{messageId}/status")).JsonAsync(HttpStatusCode.OK))["status"]!.GetValue<string>();
}
