using System.Net;
using System.Text.Json.Nodes;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>The circuits view and the host admin's force-open and reset, on the real host.</summary>
[Collection(SharedHostCollection.Name)]
public class CircuitTests(SharedHost shared)
{
    private const string Path = "api/app/message-provider/circuits";
    private readonly HostProcess _host = shared.Host;

    [Fact]
    public async Task ANewTenant_HasNoCircuits()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);
        var (_, key) = await admin.CreateTenantAsync();
        using var tenant = _host.Client(key);

        using var response = await tenant.GetAsync(Path);

        (await response.JsonArrayAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task HostAdmin_ForcesACircuitOpen_EveryoneSeesIt_ThenResetsIt()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);
        var (tenantId, key) = await admin.CreateTenantAsync();
        using var tenant = _host.Client(key);

        using var forced = await admin.PostAsync($"{Path}/sms/{tenantId}/force-open", null);
        var forcedCircuit = await forced.JsonAsync(HttpStatusCode.OK);
        var seenByTenant = (await (await tenant.GetAsync(Path)).JsonArrayAsync()).ShouldHaveSingleItem()!.AsObject();
        var seenByAdmin = (await (await admin.GetAsync($"{Path}?tenantId={tenantId}")).JsonArrayAsync()).ShouldHaveSingleItem()!.AsObject();
        using var reset = await admin.PostAsync($"{Path}/sms/{tenantId}/reset", null);
        var resetCircuit = await reset.JsonAsync(HttpStatusCode.OK);
        var afterReset = (await (await tenant.GetAsync(Path)).JsonArrayAsync()).ShouldHaveSingleItem()!.AsObject();

        forcedCircuit["provider"]!.GetValue<string>().ShouldBe("sms");
        forcedCircuit["tenantId"]!.GetValue<Guid>().ShouldBe(tenantId);
        forcedCircuit["state"]!.GetValue<string>().ShouldBe("Open");
        forcedCircuit["forcedOpen"]!.GetValue<bool>().ShouldBeTrue();
        forcedCircuit["openedAt"].ShouldNotBeNull();
        forcedCircuit["nextProbeAt"].ShouldBeNull();
        seenByTenant["state"]!.GetValue<string>().ShouldBe("Open");
        seenByAdmin["forcedOpen"]!.GetValue<bool>().ShouldBeTrue();
        resetCircuit["state"]!.GetValue<string>().ShouldBe("Closed");
        afterReset["state"]!.GetValue<string>().ShouldBe("Closed");
        afterReset["consecutiveFailures"]!.GetValue<int>().ShouldBe(0);
        afterReset["forcedOpen"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task ATenant_NeverSeesAnotherTenantsCircuits()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);
        var (tenantA, keyA) = await admin.CreateTenantAsync();
        var (tenantB, keyB) = await admin.CreateTenantAsync();
        using var clientA = _host.Client(keyA);
        using var clientB = _host.Client(keyB);
        (await admin.PostAsync($"{Path}/sms/{tenantA}/force-open", null)).Dispose();
        (await admin.PostAsync($"{Path}/webhook/{tenantB}/force-open", null)).Dispose();

        var seenByA = await (await clientA.GetAsync(Path)).JsonArrayAsync();
        var seenByB = await (await clientB.GetAsync(Path)).JsonArrayAsync();
        using var aAsksForB = await clientA.GetAsync($"{Path}?tenantId={tenantB}");
        var seenByAdmin = await (await admin.GetAsync(Path)).JsonArrayAsync();

        TenantsIn(seenByA).ShouldBe([tenantA]);
        TenantsIn(seenByB).ShouldBe([tenantB]);
        await aAsksForB.ProblemAsync(HttpStatusCode.NotFound);
        TenantsIn(seenByAdmin).ShouldContain(tenantA);
        TenantsIn(seenByAdmin).ShouldContain(tenantB);
    }

    [Theory]
    [InlineData("force-open")]
    [InlineData("reset")]
    public async Task ATenant_MayNotForceOpenOrReset_ItsOwnCircuitEither(string action)
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);
        var (tenantId, key) = await admin.CreateTenantAsync();
        using var tenant = _host.Client(key);

        using var response = await tenant.PostAsync($"{Path}/sms/{tenantId}/{action}", null);

        await response.ProblemAsync(HttpStatusCode.Forbidden);
        (await (await tenant.GetAsync(Path)).JsonArrayAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task UnknownTenant_Is404_MalformedIdsAndProviders_Are400()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);
        var (tenantId, _) = await admin.CreateTenantAsync();

        using var unknownTenant = await admin.PostAsync($"{Path}/sms/{Guid.NewGuid()}/force-open", null);
        using var malformedTenant = await admin.PostAsync($"{Path}/sms/not-a-guid/reset", null);
        using var malformedProvider = await admin.PostAsync($"{Path}/sms%21/{tenantId}/force-open", null);
        using var longProvider = await admin.PostAsync($"{Path}/{new string('p', 33)}/{tenantId}/force-open", null);
        using var malformedFilter = await admin.GetAsync($"{Path}?tenantId=nope");

        await unknownTenant.ProblemAsync(HttpStatusCode.NotFound);
        await malformedTenant.ProblemAsync(HttpStatusCode.BadRequest);
        (await malformedProvider.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["provider"].ShouldNotBeNull();
        await longProvider.ProblemAsync(HttpStatusCode.BadRequest);
        await malformedFilter.ProblemAsync(HttpStatusCode.BadRequest);
        (await (await admin.GetAsync($"{Path}?tenantId={tenantId}")).JsonArrayAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task WithoutAKey_TheCircuitsAreNotShown()
    {
        using var anonymous = _host.Client();

        using var response = await anonymous.GetAsync(Path);

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Metrics_CountCircuitsByProviderAndState_AndTheirTransitions()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);
        var (tenantId, _) = await admin.CreateTenantAsync();
        var provider = "metrics-" + Guid.NewGuid().ToString("N")[..8];

        (await admin.PostAsync($"{Path}/{provider}/{tenantId}/force-open", null)).Dispose();

        await Eventually.TrueAsync(async () =>
        {
            var text = await _host.Client().GetStringAsync("metrics");
            var lines = text.Split('\n');
            return lines.Any(line => line.StartsWith("messaging_circuits_by_state{", StringComparison.Ordinal)
                    && line.Contains($"provider=\"{provider}\"", StringComparison.Ordinal) && line.Contains("state=\"Open\"", StringComparison.Ordinal)
                    && line.EndsWith(" 1", StringComparison.Ordinal))
                && lines.Any(line => line.StartsWith("messaging_circuits_transitions", StringComparison.Ordinal)
                    && line.Contains($"provider=\"{provider}\"", StringComparison.Ordinal) && line.Contains("to=\"Open\"", StringComparison.Ordinal));
        }, TimeSpan.FromSeconds(20), "the metrics show the forced circuit");
    }

    private static List<Guid> TenantsIn(JsonArray circuits) =>
        circuits.Select(circuit => circuit!["tenantId"]!.GetValue<Guid>()).Distinct().ToList();
}
