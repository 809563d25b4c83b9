using System.Net;
using System.Net.Http.Json;
using System.Text;
using Messaging.TestSupport;
using MimeKit;

namespace Messaging;

/// <summary>
/// A file that fails for good is reported to the person who uploaded it by email, through the EmailQueue module, once;
/// an upload made with an API key has nobody to tell.
/// </summary>
public sealed class AttachmentFailureEmailTests : IAsyncLifetime
{
    private const string UploaderPassword = "Uploader-password-5521";

    private readonly TestDatabase _database = new();
    private readonly string _pickup = Path.Combine(Path.GetTempPath(), "messaging-attachment-mail-" + Guid.NewGuid().ToString("N"));
    private HostProcess _host = null!;

    public async Task InitializeAsync() =>
        _host = await HostProcess.StartAsync(_database.File, new Dictionary<string, string> { ["EmailQueue__PickupFolder"] = _pickup });

    [Fact]
    public async Task AFileThatCannotBeProcessed_IsReportedToItsUploaderByEmail()
    {
        using (var admin = SignInFlow.Bearer(_host, await SignInFlow.DemoAdminTokenAsync(_host)))
        using (var created = await admin.PostAsJsonAsync("api/identity/users",
                   new { userName = "uploader", email = "uploader@example.com", password = UploaderPassword, roleNames = new[] { "admin" } }))
        {
            await created.JsonAsync(HttpStatusCode.Created);
        }

        using var flow = new SignInFlow(_host);
        var token = (await flow.SignInAsync("Demo", "uploader", UploaderPassword))["access_token"]!.GetValue<string>();
        using var uploader = SignInFlow.Bearer(_host, token);
        using var apiKey = _host.Client(HostProcess.DemoTenantKey);

        var broken = await UploadAsync(uploader, "broken.json");
        var byKey = await UploadAsync(apiKey, "by-key.json");
        (await AttachmentTests.CompletedAsync(uploader, broken))["status"]!.GetValue<string>().ShouldBe("Failed");
        (await AttachmentTests.CompletedAsync(apiKey, byKey))["status"]!.GetValue<string>().ShouldBe("Failed");

        MimeMessage? mail = null;
        await Eventually.TrueAsync(() =>
        {
            mail = Mails().SingleOrDefault(m => m.Subject == "broken.json could not be processed");
            return Task.FromResult(mail is not null);
        }, TimeSpan.FromSeconds(30), "the uploader's email is written to the pickup folder");
        mail!.To.Mailboxes.Single().Address.ShouldBe("uploader@example.com");
        mail.TextBody.ShouldNotBeNull().ShouldContain(broken.ToString());
        mail.TextBody.ShouldContain("JSON");
        Mails().ShouldNotContain(m => (m.Subject ?? "").Contains("by-key.json"), "an API key has no address to tell");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _database.Dispose();
        if (Directory.Exists(_pickup))
        {
            Directory.Delete(_pickup, recursive: true);
        }
    }

    private static async Task<Guid> UploadAsync(HttpClient client, string fileName)
    {
        using var response = await AttachmentTests.UploadAsync(client, Encoding.UTF8.GetBytes("[1, 2,"), "application/json", fileName);
        return (await response.JsonAsync(HttpStatusCode.Accepted))["attachmentId"]!.GetValue<Guid>();
    }

    private List<MimeMessage> Mails() =>
        Directory.Exists(_pickup) ? Directory.GetFiles(_pickup, "*.eml").Select(file => MimeMessage.Load(file)).ToList() : [];
}
