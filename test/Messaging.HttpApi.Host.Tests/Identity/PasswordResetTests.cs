using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Web;
using Messaging.TestSupport;

namespace Messaging.Identity;

/// <summary>A forgotten password is reset with a link that works once and for a limited time (an account without an email address has it logged on the embedded default; AccountEmailTests mail it).</summary>
public sealed partial class PasswordResetTests : IAsyncLifetime
{
    private const string NewPassword = "Reset-password-9172";

    private readonly TestDatabase _database = new();
    private readonly CookieContainer _cookies = new();
    private HostProcess _host = null!;
    private HttpClient _browser = null!;

    public Task InitializeAsync() => StartAsync(new Dictionary<string, string>());

    [Fact]
    public async Task AResetLink_ChangesThePasswordOnce_AndAnUnknownAccountGetsTheSameAnswer()
    {
        var known = await RequestAsync("Demo", "admin");
        var unknown = await RequestAsync("Demo", "nobody");
        known.ShouldBe(unknown);
        var link = await ResetLinkAsync();

        using var reset = await ResetAsync(link, NewPassword);
        using var again = await ResetAsync(link, "Another-password-5521");

        reset.StatusCode.ShouldBe(HttpStatusCode.OK, await reset.Content.ReadAsStringAsync());
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await again.Content.ReadAsStringAsync()).ShouldContain("already used");
        using var flow = new SignInFlow(_host);
        (await flow.SignInAsync("Demo", "admin", NewPassword))["access_token"].ShouldNotBeNull();
        using var oldPassword = await flow.PostSignInAsync(new Uri("account/login?ReturnUrl=%2F", UriKind.Relative), "Demo", "admin",
            HostProcess.DemoAdminPassword);
        oldPassword.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnExpiredResetLink_IsRefused()
    {
        await StopAsync();
        await StartAsync(new Dictionary<string, string> { ["Identity__PasswordResetTokenLifetime"] = "00:00:01" });
        await RequestAsync("Demo", "admin");
        var link = await ResetLinkAsync();
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        using var reset = await ResetAsync(link, NewPassword);

        reset.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var flow = new SignInFlow(_host);
        (await flow.SignInAsync("Demo", "admin", HostProcess.DemoAdminPassword))["access_token"].ShouldNotBeNull();
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        _database.Dispose();
    }

    private async Task StopAsync()
    {
        _browser.Dispose();
        await _host.DisposeAsync();
    }

    private async Task StartAsync(Dictionary<string, string> settings)
    {
        _host = await HostProcess.StartAsync(_database.File, settings);
        _browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = _cookies }) { BaseAddress = _host.BaseAddress };
    }

    /// <returns>The alert the page answered with.</returns>
    private async Task<string> RequestAsync(string tenant, string userName)
    {
        using var response = await PostFormAsync("account/forgot-password", "account/forgot-password", new Dictionary<string, string> { ["tenant"] = tenant, ["userName"] = userName });
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        return Alert().Match(html).Value;
    }

    private async Task<string> ResetLinkAsync()
    {
        string? line = null;
        await Eventually.TrueAsync(() =>
        {
            line = _host.Output.Split('\n').LastOrDefault(text => text.Contains("The password reset email for", StringComparison.Ordinal));
            return Task.FromResult(line is not null);
        }, TimeSpan.FromSeconds(10), "the reset link is logged");
        return JsonNode.Parse(line!)!["State"]!["AccountLink"]!.GetValue<string>();
    }

    private async Task<HttpResponseMessage> ResetAsync(string link, string password)
    {
        var query = HttpUtility.ParseQueryString(new Uri(_host.BaseAddress, link).Query);
        return await PostFormAsync(link.TrimStart('/'), "account/reset-password", new Dictionary<string, string>
        {
            ["tenant"] = query["tenant"]!,
            ["userId"] = query["userId"]!,
            ["token"] = query["token"]!,
            ["password"] = password
        });
    }

    /// <summary>Posts the form of the page at <paramref name="pagePath"/> with the antiforgery token that page carried.</summary>
    private async Task<HttpResponseMessage> PostFormAsync(string pagePath, string path, Dictionary<string, string> fields)
    {
        using var page = await _browser.GetAsync(pagePath);
        var html = await page.Content.ReadAsStringAsync();
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(html).Groups["token"].Value);
        return await _browser.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("<p role=\"alert\">[^<]*</p>")]
    private static partial Regex Alert();
}
