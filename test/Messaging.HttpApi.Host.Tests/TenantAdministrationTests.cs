using System.Net;
using System.Net.Http.Json;
using Messaging.TestSupport;

namespace Messaging;

[Collection(SharedHostCollection.Name)]
public class TenantAdministrationTests(SharedHost shared)
{
    private readonly HttpClient _admin = shared.Host.Client(HostProcess.HostAdminKey);

    [Fact]
    public async Task CreatedTenant_IsListedAndCanBeRead()
    {
        var name = "acme-" + Guid.NewGuid().ToString("N")[..8];

        using var created = await _admin.PostAsJsonAsync("api/app/tenant", new { name, tier = "Enterprise" });
        var tenant = await created.JsonAsync(HttpStatusCode.Created);
        using var read = await _admin.GetAsync($"api/app/tenant/{tenant["id"]}");
        using var list = await _admin.GetAsync("api/app/tenant?maxResultCount=1000");

        tenant["tier"]!.GetValue<string>().ShouldBe("Enterprise");
        tenant["isActive"]!.GetValue<bool>().ShouldBeTrue();
        (await read.JsonAsync(HttpStatusCode.OK))["name"]!.GetValue<string>().ShouldBe(name);
        (await list.JsonAsync(HttpStatusCode.OK))["items"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ShouldContain(name);
    }

    [Fact]
    public async Task DuplicateName_Answers409()
    {
        var name = "dup-" + Guid.NewGuid().ToString("N")[..8];
        (await _admin.PostAsJsonAsync("api/app/tenant", new { name, tier = "Basic" })).EnsureSuccessStatusCode();

        using var again = await _admin.PostAsJsonAsync("api/app/tenant", new { name, tier = "Basic" });

        await again.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task MissingTierOrName_Answers400()
    {
        using var response = await _admin.PostAsJsonAsync("api/app/tenant", new { name = "" });

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task UnknownTenant_Answers404()
    {
        using var read = await _admin.GetAsync($"api/app/tenant/{Guid.NewGuid()}");
        using var key = await _admin.PostAsJsonAsync($"api/app/tenant/{Guid.NewGuid()}/api-key", new { name = "x" });

        await read.ProblemAsync(HttpStatusCode.NotFound);
        await key.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TierChange_IsStored()
    {
        var (tenantId, _) = await _admin.CreateTenantAsync("Basic");

        using var updated = await _admin.PutAsJsonAsync($"api/app/tenant/{tenantId}", new { tier = "Premium" });

        (await updated.JsonAsync(HttpStatusCode.OK))["tier"]!.GetValue<string>().ShouldBe("Premium");
    }

    [Fact]
    public async Task IssuedKey_IsShownOnce_AndListedOnlyByPrefix()
    {
        var (_, apiKey) = await _admin.CreateTenantAsync();
        using var tenant = shared.Host.Client(apiKey);

        var listed = await (await tenant.GetAsync("api/app/api-key")).JsonArrayAsync();

        var entry = listed.ShouldHaveSingleItem()!;
        entry["prefix"]!.GetValue<string>().ShouldBe(apiKey[..12]);
        entry.ToJsonString().ShouldNotContain(apiKey);
    }

    [Fact]
    public async Task BadPaging_Answers400()
    {
        using var response = await _admin.GetAsync("api/app/tenant?maxResultCount=0");

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }
}
