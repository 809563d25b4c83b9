using System.Net;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>
/// The admin UI served by the host: its page for the UI's routes (so a reload works), its files, and never the page
/// for the server's own paths, whose unknown routes answer 404 as before.
/// </summary>
public sealed class AdminUiHostingTests : IDisposable
{
    private const string Page = "<!doctype html><html lang=\"en\"><body><app-root></app-root></body></html>";
    private readonly string _webRoot = Directory.CreateTempSubdirectory("messaging-admin-ui-").FullName;

    public AdminUiHostingTests()
    {
        File.WriteAllText(Path.Combine(_webRoot, "index.html"), Page);
        File.WriteAllText(Path.Combine(_webRoot, "main.js"), "console.log('ui');");
    }

    [Fact]
    public async Task UiRoutes_GetThePage_ServerPathsNever()
    {
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File, new Dictionary<string, string> { ["ASPNETCORE_WEBROOT"] = _webRoot });
        using var browser = host.Client();

        foreach (var route in new[] { "", "messages", "messages/01a2037c-70b9-785d-9da9-f1f5f1aabc91", "administration/api-keys" })
        {
            using var page = await browser.GetAsync(route);
            page.StatusCode.ShouldBe(HttpStatusCode.OK, route);
            (await page.Content.ReadAsStringAsync()).ShouldBe(Page);
            page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
            page.Headers.CacheControl!.NoCache.ShouldBeTrue();
            page.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'");
        }

        using var script = await browser.GetAsync("main.js");
        (await script.Content.ReadAsStringAsync()).ShouldBe("console.log('ui');");

        foreach (var serverPath in new[] { "api/app/nothing-here", "connect/nothing", "account/nothing", "health/nothing", "hangfire/nothing", ".well-known/nothing", "metrics/x" })
        {
            using var response = await browser.GetAsync(serverPath);
            (await response.Content.ReadAsStringAsync()).ShouldNotContain("app-root", customMessage: serverPath);
        }

        using var apiUnknown = await browser.GetAsync("api/app/nothing-here");
        await apiUnknown.ProblemAsync(HttpStatusCode.NotFound);
        using var posted = await browser.PostAsync("messages", new StringContent(""));
        posted.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var missingFile = await browser.GetAsync("missing.js");
        (await missingFile.Content.ReadAsStringAsync()).ShouldNotContain("app-root");
    }

    [Fact]
    public async Task WithoutTheUi_UnknownRoutesStay404()
    {
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File,
            new Dictionary<string, string> { ["ASPNETCORE_WEBROOT"] = Path.Combine(_webRoot, "not-built") });
        using var browser = host.Client();

        using var page = await browser.GetAsync("messages");

        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    public void Dispose() => Directory.Delete(_webRoot, recursive: true);
}
