using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>Keys are issued with the permissions they need; keys issued without a list keep everything their tenant may do.</summary>
[Collection(SharedHostCollection.Name)]
public class ApiKeyPermissionTests(SharedHost shared)
{
    private const string WebhookConfiguration = "api/app/message-provider/configurations/Webhook";
    private readonly HostProcess _host = shared.Host;

    [Fact]
    public async Task SendOnlyKey_Sends_ButIsRefusedProviderChangesReadsAndKeys()
    {
        var (fullKey, tenant) = await NewTenantAsync();
        using var sendOnly = _host.Client(await IssueKeyAsync(tenant, "Messaging.Messages.Send"));

        var trackingId = await sendOnly.SendAcceptedAsync(Api.Sms());
        using var providerChange = await sendOnly.PutAsJsonAsync(WebhookConfiguration, new { signingSecret = "a-long-random-secret-0001" });
        using var status = await sendOnly.GetAsync($"api/app/message/{trackingId}/status");
        using var keys = await sendOnly.GetAsync("api/app/api-key");

        (await providerChange.ProblemAsync(HttpStatusCode.Forbidden))["detail"]!.GetValue<string>().ShouldContain("permission");
        await status.ProblemAsync(HttpStatusCode.Forbidden);
        await keys.ProblemAsync(HttpStatusCode.Forbidden);
        using var byTheFullKey = await fullKey.PutAsJsonAsync(WebhookConfiguration, new { signingSecret = "a-long-random-secret-0002" });
        byTheFullKey.StatusCode.ShouldBe(HttpStatusCode.OK, await byTheFullKey.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ReadOnlyKey_ReadsStatuses_ButCannotSendOrCancel()
    {
        var (fullKey, tenant) = await NewTenantAsync();
        using var readOnly = _host.Client(await IssueKeyAsync(tenant, "Messaging.Messages"));
        var trackingId = await fullKey.SendAcceptedAsync(Api.Sms());

        using var status = await readOnly.GetAsync($"api/app/message/{trackingId}/status");
        using var send = await readOnly.SendAsync(Api.Sms());
        using var cancel = await readOnly.PostAsync($"api/app/message/{trackingId}/cancel", null);

        status.StatusCode.ShouldBe(HttpStatusCode.OK);
        await send.ProblemAsync(HttpStatusCode.Forbidden);
        await cancel.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task KeysListTheirPermissions_NullForTheKeysIssuedWithoutAList()
    {
        var (fullKey, tenant) = await NewTenantAsync();
        await IssueKeyAsync(tenant, "Messaging.Messages", "Messaging.Messages.Send");

        using var listed = await fullKey.GetAsync("api/app/api-key");
        var keys = JsonNode.Parse(await listed.Content.ReadAsStringAsync())!.AsArray();

        keys.Single(key => key!["name"]!.GetValue<string>() == "tests")!["permissions"].ShouldBeNull();
        keys.Single(key => key!["name"]!.GetValue<string>() == "scoped")!["permissions"]!.AsArray().Select(name => name!.GetValue<string>())
            .ShouldBe(["Messaging.Messages", "Messaging.Messages.Send"]);
    }

    [Theory]
    [InlineData("Messaging.NoSuchPermission")]
    [InlineData("Messaging.Tenants")]
    public async Task APermissionATenantKeyCannotHave_Answers400(string permission)
    {
        var (_, tenant) = await NewTenantAsync();

        using var response = await tenant.PostAsJsonAsync("api/app/api-key", new { name = "scoped", permissions = new[] { permission } });

        (await response.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["permissions"]!.ToJsonString().ShouldContain(permission);
    }

    private async Task<(HttpClient FullKey, HttpClient Tenant)> NewTenantAsync()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);
        var (_, key) = await admin.CreateTenantAsync();
        var client = _host.Client(key);
        return (client, client);
    }

    private static async Task<string> IssueKeyAsync(HttpClient tenant, params string[] permissions)
    {
        using var created = await tenant.PostAsJsonAsync("api/app/api-key", new { name = "scoped", permissions });
        return (await created.JsonAsync(HttpStatusCode.Created))["key"]!.GetValue<string>();
    }
}
