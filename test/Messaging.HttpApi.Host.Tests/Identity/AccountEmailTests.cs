using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using System.Web;
using Messaging.TestSupport;
using MimeKit;

namespace Messaging.Identity;

/// <summary>
/// Account links travel as the EmailQueue module's events: a new user gets a welcome email that confirms the address,
/// a forgotten password a reset email, both built on the configured public origin and never written to the log.
/// </summary>
public sealed partial class AccountEmailTests : IAsyncLifetime
{
    private const string PublicOrigin = "https://messaging.test";
    private const string UserPassword = "Mailed-user-password-4410";

    private readonly TestDatabase _database = new();
    private readonly string _pickup = Path.Combine(Path.GetTempPath(), "messaging-account-mail-" + Guid.NewGuid().ToString("N"));
    private readonly CookieContainer _cookies = new();
    private readonly SmtpEmulator _hostSmtp = SmtpEmulator.Start();
    private HostProcess _host = null!;
    private HttpClient _browser = null!;

    public async Task InitializeAsync()
    {
        _host = await HostProcess.StartAsync(_database.File, new Dictionary<string, string>
        {
            ["Identity__PublicOrigin"] = PublicOrigin,
            ["EmailQueue__PickupFolder"] = _pickup,
            // The host's own mail goes to its SMTP server (a real one, on loopback), tenants' to the pickup folder.
            ["EmailQueue__HostSmtp__Host"] = "127.0.0.1",
            ["EmailQueue__HostSmtp__Port"] = _hostSmtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["EmailQueue__HostSmtp__TlsMode"] = "None",
            ["EmailQueue__HostSmtp__From"] = "operators@messaging.test",
            ["Delivery__AllowPrivateNetworks"] = "true"
        });
        _browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = _cookies }) { BaseAddress = _host.BaseAddress };
    }

    [Fact]
    public async Task ANewUser_ConfirmsTheAddressFromTheWelcomeEmail_WithAFormPost()
    {
        var userId = await CreateUserAsync("mailed", "mailed@example.com");
        using var admin = SignInFlow.Bearer(_host, await SignInFlow.DemoAdminTokenAsync(_host));
        (await (await admin.GetAsync($"api/identity/users/{userId}")).JsonAsync(HttpStatusCode.OK))["emailConfirmed"]!.GetValue<bool>().ShouldBeFalse();

        var link = await LinkInMailAsync("mailed@example.com", "Welcome", AccountPaths.ConfirmEmail);
        using var opened = await _browser.GetAsync(PathOf(link));
        using var confirmed = await SubmitLinkAsync(link);
        using var again = await SubmitLinkAsync(link.Replace("token=", "token=x", StringComparison.Ordinal));

        link.ShouldStartWith(PublicOrigin + AccountPaths.ConfirmEmail);
        HttpUtility.ParseQueryString(new Uri(link).Query)["userId"].ShouldBe(userId.ToString());
        opened.StatusCode.ShouldBe(HttpStatusCode.OK);
        confirmed.StatusCode.ShouldBe(HttpStatusCode.OK, await confirmed.Content.ReadAsStringAsync());
        (await confirmed.Content.ReadAsStringAsync()).ShouldContain("confirmed");
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await (await admin.GetAsync($"api/identity/users/{userId}")).JsonAsync(HttpStatusCode.OK))["emailConfirmed"]!.GetValue<bool>().ShouldBeTrue();
        using var log = await _host.Client(HostProcess.DemoTenantKey).GetAsync("api/identity/security-logs?maxResultCount=1000");
        (await log.Content.ReadAsStringAsync()).ShouldContain("\"EmailConfirmed\"");
        _host.Output.ShouldNotContain(HttpUtility.ParseQueryString(new Uri(link).Query)["token"]!);
    }

    [Fact]
    public async Task AForgottenPassword_IsResetFromTheLinkInTheResetEmail()
    {
        await CreateUserAsync("forgetful", "forgetful@example.com");

        using var requested = await PostFormAsync("account/forgot-password", new Dictionary<string, string>
        {
            ["tenant"] = "Demo",
            ["userName"] = "forgetful@example.com"
        });
        var link = await LinkInMailAsync("forgetful@example.com", "Reset your password", AccountPaths.ResetPassword);
        using var reset = await SubmitLinkAsync(link, new Dictionary<string, string> { ["password"] = "Brand-new-password-8821" });

        requested.StatusCode.ShouldBe(HttpStatusCode.OK);
        reset.StatusCode.ShouldBe(HttpStatusCode.OK, await reset.Content.ReadAsStringAsync());
        using var flow = new SignInFlow(_host);
        (await flow.SignInAsync("Demo", "forgetful", "Brand-new-password-8821"))["access_token"].ShouldNotBeNull();
        _host.Output.ShouldNotContain(HttpUtility.ParseQueryString(new Uri(link).Query)["token"]!);
    }

    [Fact]
    public async Task AHostAccount_GetsItsResetEmailThroughTheHostsSmtpServer()
    {
        using var hostAdmin = _host.Client(HostProcess.HostAdminKey);
        using var created = await hostAdmin.PostAsJsonAsync("api/identity/users",
            new { userName = "operator", email = "operator@example.com", password = UserPassword, roleNames = new[] { "host-admin" } });
        await created.JsonAsync(HttpStatusCode.Created);

        using var requested = await PostFormAsync("account/forgot-password", new Dictionary<string, string>
        {
            ["tenant"] = "",
            ["userName"] = "operator"
        });
        // The new account's welcome, then the reset.
        await Eventually.TrueAsync(() => Task.FromResult(_hostSmtp.Accepted.Count == 2), TimeSpan.FromSeconds(20), "the host's SMTP server gets both emails");
        var mails = _hostSmtp.Accepted.Select(bytes => MimeMessage.Load(new MemoryStream(bytes))).ToList();
        mails.Select(mail => mail.Subject).ShouldBe(["Welcome", "Reset your password"], ignoreOrder: true);
        var received = mails.Single(mail => mail.Subject == "Reset your password");
        var link = AccountLink().Matches(received.TextBody ?? "").Select(match => match.Value).Single(url => url.Contains(AccountPaths.ResetPassword));
        using var reset = await SubmitLinkAsync(link, new Dictionary<string, string> { ["password"] = "Host-new-password-5531" });

        requested.StatusCode.ShouldBe(HttpStatusCode.OK);
        received.From.Mailboxes.Single().Address.ShouldBe("operators@messaging.test");
        received.To.Mailboxes.Single().Address.ShouldBe("operator@example.com");
        reset.StatusCode.ShouldBe(HttpStatusCode.OK, await reset.Content.ReadAsStringAsync());
        using var flow = new SignInFlow(_host);
        (await flow.SignInAsync("", "operator", "Host-new-password-5531"))["access_token"].ShouldNotBeNull();
        (Directory.Exists(_pickup) ? Directory.GetFiles(_pickup, "*.eml").Select(file => MimeMessage.Load(file)) : [])
            .ShouldNotContain(message => message.To.Mailboxes.Any(box => box.Address == "operator@example.com"));
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _hostSmtp.DisposeAsync();
        await _host.DisposeAsync();
        _database.Dispose();
        if (Directory.Exists(_pickup))
        {
            Directory.Delete(_pickup, recursive: true);
        }
    }

    private async Task<Guid> CreateUserAsync(string userName, string email)
    {
        using var admin = SignInFlow.Bearer(_host, await SignInFlow.DemoAdminTokenAsync(_host));
        using var created = await admin.PostAsJsonAsync("api/identity/users",
            new { userName, email, password = UserPassword, roleNames = new[] { "viewer" } });
        return (await created.JsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
    }

    /// <summary>Waits for the email the host's worker writes to the pickup folder and returns the account link in its text.</summary>
    private async Task<string> LinkInMailAsync(string to, string subject, string path)
    {
        string? link = null;
        await Eventually.TrueAsync(() =>
        {
            var mail = Directory.Exists(_pickup)
                ? Directory.GetFiles(_pickup, "*.eml").Select(file => MimeMessage.Load(file))
                    .FirstOrDefault(message => message.To.Mailboxes.Any(box => box.Address == to) && message.Subject == subject)
                : null;
            link = mail is null ? null : AccountLink().Matches(mail.TextBody ?? "").Select(match => match.Value).FirstOrDefault(url => url.Contains(path));
            return Task.FromResult(link is not null);
        }, TimeSpan.FromSeconds(20), $"the '{subject}' email reaches {to}");
        return link!;
    }

    /// <summary>Opens the page the link leads to on the test host and posts its form with the link's fields.</summary>
    private Task<HttpResponseMessage> SubmitLinkAsync(string link, Dictionary<string, string>? extra = null)
    {
        var fields = new Dictionary<string, string>();
        var query = HttpUtility.ParseQueryString(new Uri(link).Query);
        foreach (var key in query.AllKeys.OfType<string>())
        {
            fields[key] = query[key]!;
        }

        foreach (var (key, value) in extra ?? [])
        {
            fields[key] = value;
        }

        return PostFormAsync(PathOf(link), fields);
    }

    private async Task<HttpResponseMessage> PostFormAsync(string pagePath, Dictionary<string, string> fields)
    {
        using var page = await _browser.GetAsync(pagePath);
        var html = await page.Content.ReadAsStringAsync();
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(html).Groups["token"].Value);
        return await _browser.PostAsync(pagePath.Split('?')[0], new FormUrlEncodedContent(fields));
    }

    private static string PathOf(string link) => new Uri(link).PathAndQuery.TrimStart('/');

    [GeneratedRegex(@"https://\S+")]
    private static partial Regex AccountLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
