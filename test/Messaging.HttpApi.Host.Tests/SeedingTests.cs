using System.Net;
using System.Net.Http.Json;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>What the host creates on start, and the host admin keys it leaves manageable.</summary>
public class SeedingTests
{
    private const string ReplacementHostKey = "replacement-host-admin-key-9f3K2mQx7Lp4Zr8Tn6Vb";

    [Theory]
    [InlineData("Seed__HostAdminApiKey", "short-admin-key")]
    [InlineData("Seed__HostAdminApiKey", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("Seed__DemoTenantApiKey", "0123456789012345678901234567890123456789")]
    public async Task WeakConfiguredKey_RefusesToStart_SayingWhichAndWhy(string setting, string weakKey)
    {
        using var database = new TestDatabase();

        var refused = await Should.ThrowAsync<InvalidOperationException>(() =>
            HostProcess.StartAsync(database.File, new Dictionary<string, string> { [setting] = weakKey }));

        refused.Message.ShouldContain(setting.Replace("__", ":") + " is too weak");
    }

    [Fact]
    public async Task ChangedConfiguredHostKey_RevokesTheOneSeededBefore_AndLeavesKeysCreatedThroughTheApi()
    {
        using var database = new TestDatabase();
        string operatorKey;
        await using (var before = await HostProcess.StartAsync(database.File))
        {
            using var admin = before.Client(HostProcess.HostAdminKey);
            using var created = await admin.PostAsJsonAsync("api/app/host-api-key", new { name = "operator" });
            operatorKey = (await created.JsonAsync(HttpStatusCode.Created))["key"]!.GetValue<string>();
        }

        await using var after = await HostProcess.StartAsync(database.File,
            new Dictionary<string, string> { ["Seed__HostAdminApiKey"] = ReplacementHostKey });

        using var withOldKey = await after.Client(HostProcess.HostAdminKey).GetAsync("api/app/host-api-key");
        await withOldKey.ProblemAsync(HttpStatusCode.Unauthorized);
        using var withNewKey = await after.Client(ReplacementHostKey).GetAsync("api/app/host-api-key");
        var keys = await withNewKey.Content.ReadFromJsonAsync<List<HostKey>>(Api.Json);
        keys!.Where(key => key.RevokedAt is null).Select(key => key.Name).Order().ShouldBe(["host-admin", "operator"]);
        keys!.Count(key => key.RevokedAt is not null).ShouldBe(1);
        using var withOperatorKey = await after.Client(operatorKey).GetAsync("api/app/host-api-key");
        withOperatorKey.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task HostKeys_AreCreatedAndRevokedThroughTheApi_ButNeverTheLastActiveOne()
    {
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File);
        using var seeded = host.Client(HostProcess.HostAdminKey);
        var seededKeyId = (await seeded.GetFromJsonAsync<List<HostKey>>("api/app/host-api-key", Api.Json))!.Single().Id;

        using var reserved = await seeded.PostAsJsonAsync("api/app/host-api-key", new { name = "host-admin" });
        await reserved.ProblemAsync(HttpStatusCode.BadRequest);
        using var created = await seeded.PostAsJsonAsync("api/app/host-api-key", new { name = "rotation" });
        var rotation = await created.JsonAsync(HttpStatusCode.Created);
        using var rotated = host.Client(rotation["key"]!.GetValue<string>());
        using (var revoked = await rotated.DeleteAsync($"api/app/host-api-key/{seededKeyId}"))
        {
            revoked.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        using var withRevokedKey = await seeded.GetAsync("api/app/host-api-key");
        await withRevokedKey.ProblemAsync(HttpStatusCode.Unauthorized);
        using var last = await rotated.DeleteAsync($"api/app/host-api-key/{rotation["id"]}");
        await last.ProblemAsync(HttpStatusCode.Conflict);
        using var stillWorks = await rotated.GetAsync("api/app/host-api-key");
        stillWorks.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var byTenant = await host.Client(HostProcess.DemoTenantKey).GetAsync("api/app/host-api-key");
        await byTenant.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task OnADatabaseServer_TheDemoTenantIsSeededOnlyWhenAsked()
    {
        await using var database = await PostgreSqlTestDatabase.CreateAsync();
        await using var host = await HostProcess.StartAsync(null, new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Default"] = database.ConnectionString,
            ["Seed__DemoTenant"] = ""
        });

        using var demo = await host.Client(HostProcess.DemoTenantKey).SendAsync(Api.Sms("no demo tenant here"));
        await demo.ProblemAsync(HttpStatusCode.Unauthorized);
        using var tenants = await host.Client(HostProcess.HostAdminKey).GetAsync("api/app/tenant");
        (await tenants.JsonAsync(HttpStatusCode.OK))["totalCount"]!.GetValue<int>().ShouldBe(0);
    }

    private sealed record HostKey(Guid Id, string Name, DateTime? RevokedAt);
}
