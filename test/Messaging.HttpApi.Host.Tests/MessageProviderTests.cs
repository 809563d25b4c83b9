using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Messaging.EntityFrameworkCore.Sqlite;
using Messaging.Messages;
using Messaging.Messages.Delivery;
using Messaging.MultiTenancy;
using Messaging.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Messaging;

[Collection(SharedHostCollection.Name)]
public class MessageProviderTests(SharedHost shared)
{
    private const string Configurations = "api/app/message-provider/configurations";
    private const string Sandbox = "api/app/message-provider/sandbox";
    private readonly HostProcess _host = shared.Host;

    private async Task<(Guid TenantId, HttpClient Client)> NewTenantAsync()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);
        var (tenantId, key) = await admin.CreateTenantAsync();
        return (tenantId, _host.Client(key));
    }

    private static object WhatsApp(string token) =>
        new { baseUrl = "https://graph.example.com/", senderId = "106540352242922", credential = token };

    [Fact]
    public async Task SetConfiguration_ThenList_ShowsTheSettings_ButNeverTheSecrets()
    {
        var (_, tenant) = await NewTenantAsync();
        const string token = "EAAG-token-never-returned-0001";

        using var put = await tenant.PutAsJsonAsync($"{Configurations}/WhatsApp", WhatsApp(token));
        using var list = await tenant.GetAsync(Configurations);
        var listed = await list.Content.ReadAsStringAsync();

        var saved = await put.JsonAsync(HttpStatusCode.OK);
        saved["provider"]!.GetValue<string>().ShouldBe("whatsapp");
        saved["baseUrl"]!.GetValue<string>().ShouldBe("https://graph.example.com");
        saved["hasCredential"]!.GetValue<bool>().ShouldBeTrue();
        saved["hasSigningSecret"]!.GetValue<bool>().ShouldBeFalse();
        saved.ToJsonString().ShouldNotContain(token);
        var item = JsonNode.Parse(listed)!.AsArray().ShouldHaveSingleItem()!;
        item["channel"]!.GetValue<string>().ShouldBe("WhatsApp");
        item["senderId"]!.GetValue<string>().ShouldBe("106540352242922");
        listed.ShouldNotContain(token);
    }

    [Fact]
    public async Task Secrets_AreStoredProtected_NotInTheDatabaseFile()
    {
        var (_, tenant) = await NewTenantAsync();
        const string token = "EAAG-token-stored-protected-0002";
        const string secret = "whsec-stored-protected-0002";

        (await tenant.PutAsJsonAsync($"{Configurations}/WhatsApp", WhatsApp(token))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await tenant.PutAsJsonAsync($"{Configurations}/Webhook", new { signingSecret = secret })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var files = Directory.GetFiles(Path.GetDirectoryName(shared.Database.File)!, "messaging.db*");
        var stored = files.Select(file => File.ReadAllBytes(file)).ToList();
        stored.ShouldContain(bytes => Contains(bytes, "106540352242922"), "the check must see what is stored in clear");
        stored.ShouldNotContain(bytes => Contains(bytes, token));
        stored.ShouldNotContain(bytes => Contains(bytes, secret));
    }

    [Fact]
    public async Task AnotherTenantsConfiguration_IsInvisible_AndCannotBeDeleted()
    {
        var (_, tenantA) = await NewTenantAsync();
        var (_, tenantB) = await NewTenantAsync();
        (await tenantA.PutAsJsonAsync($"{Configurations}/WhatsApp", WhatsApp("EAAG-of-tenant-a"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var listOfB = await tenantB.GetAsync(Configurations);
        using var deleteFromB = await tenantB.DeleteAsync($"{Configurations}/WhatsApp");
        using var listOfA = await tenantA.GetAsync(Configurations);

        (await listOfB.JsonArrayAsync()).ShouldBeEmpty();
        await deleteFromB.ProblemAsync(HttpStatusCode.NotFound);
        (await listOfA.JsonArrayAsync()).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Delete_RemovesTheChannel_ThenAnswers404()
    {
        var (_, tenant) = await NewTenantAsync();
        (await tenant.PutAsJsonAsync($"{Configurations}/Webhook", new { signingSecret = "whsec-0123456789abcdef" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var deleted = await tenant.DeleteAsync($"{Configurations}/Webhook");
        using var again = await tenant.DeleteAsync($"{Configurations}/Webhook");

        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await again.ProblemAsync(HttpStatusCode.NotFound);
        (await (await tenant.GetAsync(Configurations)).JsonArrayAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Webhooks_NeedOnlyASigningSecret()
    {
        var (_, tenant) = await NewTenantAsync();

        using var put = await tenant.PutAsJsonAsync($"{Configurations}/webhook", new { signingSecret = "whsec-0123456789abcdef" });

        var saved = await put.JsonAsync(HttpStatusCode.OK);
        saved["provider"]!.GetValue<string>().ShouldBe("webhook");
        saved["baseUrl"].ShouldBeNull();
        saved["hasSigningSecret"]!.GetValue<bool>().ShouldBeTrue();
    }

    public static TheoryData<string, string, string> InvalidSettings => new()
    {
        { "Sms", """{"baseUrl":"http://api.example.com","senderId":"+15005550006","credential":"AC1:token"}""", "baseUrl" },
        { "Sms", """{"baseUrl":"not a url","senderId":"+15005550006","credential":"AC1:token"}""", "baseUrl" },
        { "Sms", """{"baseUrl":"https://api.example.com","senderId":"+15005550006","credential":"token-without-account"}""", "credential" },
        { "WhatsApp", """{"baseUrl":"https://user:pw@graph.example.com","senderId":"1065","credential":"EAAG"}""", "baseUrl" },
        { "WhatsApp", """{"baseUrl":"https://graph.example.com","credential":"EAAG"}""", "senderId" },
        { "WhatsApp", """{"baseUrl":"https://graph.example.com","senderId":"1065"}""", "credential" },
        { "WhatsApp", """{"provider":"carrier-pigeon"}""", "provider" },
        { "Webhook", """{"baseUrl":"https://hooks.example.com","signingSecret":"whsec-0123456789abcdef"}""", "baseUrl" },
        { "Webhook", """{"signingSecret":"short"}""", "signingSecret" },
        { "Webhook", "{}", "signingSecret" },
        { "Fax", "{}", "channel" }
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public async Task InvalidSettings_Answer400_NamingTheField(string channel, string body, string field)
    {
        var (_, tenant) = await NewTenantAsync();

        using var response = await tenant.PutAsync($"{Configurations}/{channel}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().Select(e => e.Key).ShouldBe([field]);
        (await (await tenant.GetAsync(Configurations)).JsonArrayAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task AProviderThatCannotDeliverTheChannel_Answers422()
    {
        var (_, tenant) = await NewTenantAsync();

        using var sms = await tenant.PutAsJsonAsync($"{Configurations}/Sms", new { provider = "webhook", signingSecret = "whsec-0123456789abcdef" });
        using var email = await tenant.PutAsJsonAsync($"{Configurations}/Email", new { provider = "sandbox" });

        (await sms.ProblemAsync(HttpStatusCode.UnprocessableEntity))["code"]!.GetValue<string>()
            .ShouldBe("Messaging:ProviderDoesNotSupportChannel");
        await email.ProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task ProviderList_NamesEachProviderAndItsChannels()
    {
        var (_, tenant) = await NewTenantAsync();

        var providers = await (await tenant.GetAsync("api/app/message-provider")).JsonArrayAsync();

        providers.Select(p => p!["name"]!.GetValue<string>()).ShouldBe(["sandbox", "sms", "webhook", "whatsapp"]);
        providers.Single(p => p!["name"]!.GetValue<string>() == "sms")!["channels"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["Sms"]);
    }

    [Fact]
    public async Task HostAdmin_CannotConfigureATenantsProviders()
    {
        using var admin = _host.Client(HostProcess.HostAdminKey);

        using var response = await admin.GetAsync(Configurations);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task SandboxRecords_AreListedForTheirTenantOnly_NewestFirst()
    {
        var (tenantIdA, tenantA) = await NewTenantAsync();
        var (tenantIdB, tenantB) = await NewTenantAsync();
        var older = await RecordAsync(tenantIdA, "+14155550123", "first", DateTime.UtcNow.AddMinutes(-1));
        var newer = await RecordAsync(tenantIdA, "+14155550124", "second", DateTime.UtcNow);
        await RecordAsync(tenantIdB, "+14155550125", "of B", DateTime.UtcNow);

        var ofA = await (await tenantA.GetAsync(Sandbox)).JsonAsync(HttpStatusCode.OK);
        var onePage = await (await tenantA.GetAsync($"{Sandbox}?skipCount=1&maxResultCount=1")).JsonAsync(HttpStatusCode.OK);
        var byMessage = await (await tenantA.GetAsync($"{Sandbox}?messageId={older}")).JsonAsync(HttpStatusCode.OK);
        var ofB = await (await tenantB.GetAsync(Sandbox)).JsonAsync(HttpStatusCode.OK);
        using var tooLarge = await tenantA.GetAsync($"{Sandbox}?maxResultCount=5000");

        ofA["totalCount"]!.GetValue<long>().ShouldBe(2);
        ofA["items"]!.AsArray().Select(i => i!["messageId"]!.GetValue<Guid>()).ShouldBe([newer, older]);
        ofA["items"]![0]!["content"]!.GetValue<string>().ShouldBe("second");
        onePage["items"]!.AsArray().ShouldHaveSingleItem()!["messageId"]!.GetValue<Guid>().ShouldBe(older);
        byMessage["items"]!.AsArray().ShouldHaveSingleItem()!["recipient"]!.GetValue<string>().ShouldBe("+14155550123");
        ofB["items"]!.AsArray().ShouldHaveSingleItem()!["content"]!.GetValue<string>().ShouldBe("of B");
        await tooLarge.ProblemAsync(HttpStatusCode.BadRequest);
    }

    /// <summary>Records as the sandbox sender does; the dispatcher that calls it is not part of these tests.</summary>
    private async Task<Guid> RecordAsync(Guid tenantId, string recipient, string content, DateTime recordedAt)
    {
        var options = new DbContextOptionsBuilder<SqliteMessagingDbContext>().UseSqlite(shared.Database.ConnectionString).Options;
        await using var db = new SqliteMessagingDbContext(options, new AsyncLocalCurrentTenant());
        var messageId = Guid.CreateVersion7();
        db.SandboxDeliveries.Add(new SandboxDelivery(Guid.CreateVersion7(), tenantId, messageId, MessageChannel.Sms, recipient, content, null, 1, recordedAt));
        await db.SaveChangesAsync();
        return messageId;
    }

    private static bool Contains(byte[] haystack, string text) => haystack.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0;
}
