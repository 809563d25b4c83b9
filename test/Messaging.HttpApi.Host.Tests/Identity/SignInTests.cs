using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Messaging.TestSupport;

namespace Messaging.Identity;

/// <summary>People sign in on the host's page and the admin UI gets tokens the API accepts, as the same tenant and permissions.</summary>
public sealed class SignInTests : IAsyncLifetime
{
    private const string DemoAdminPassword = HostProcess.DemoAdminPassword;
    private const string MachineClientId = "demo-reporting";
    private const string MachineClientSecret = "demo-reporting-secret-0123456789-XyZ";

    private readonly TestDatabase _database = new();
    private HostProcess _host = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string>();
        settings["Identity__Lockout__MaxFailedAccessAttempts"] = "3";
        settings["Identity__Server__MachineClients__0__ClientId"] = MachineClientId;
        settings["Identity__Server__MachineClients__0__ClientSecret"] = MachineClientSecret;
        settings["Identity__Server__MachineClients__0__Tenant"] = "Demo";
        settings["Identity__Server__MachineClients__0__Permissions__0"] = "Messaging.Messages";
        // The tests' client stands for a TLS-terminating proxy when it sends X-Forwarded-Proto.
        settings["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1";
        _host = await HostProcess.StartAsync(_database.File, settings);
    }

    [Fact]
    public async Task CodeFlowWithPkce_GivesTokensForTheSignedInTenant_AndRefreshRotates()
    {
        using var flow = new SignInFlow(_host);

        var tokens = await flow.SignInAsync("Demo", "admin", DemoAdminPassword);

        using (var admin = SignInFlow.Bearer(_host, tokens["access_token"]!.GetValue<string>()))
        {
            using var keys = await admin.GetAsync("api/app/api-key");
            keys.StatusCode.ShouldBe(HttpStatusCode.OK, await keys.Content.ReadAsStringAsync());
            JsonNode.Parse(await keys.Content.ReadAsStringAsync())!.AsArray().ShouldContain(key => key!["name"]!.GetValue<string>() == "demo");
            using var tenants = await admin.GetAsync("api/app/tenant");
            await tenants.ProblemAsync(HttpStatusCode.Forbidden);
        }

        var refreshToken = tokens["refresh_token"]!.GetValue<string>();
        var refreshed = await flow.RefreshAsync(refreshToken);
        using (var again = SignInFlow.Bearer(_host, refreshed["access_token"]!.GetValue<string>()))
        {
            using var feed = await again.GetAsync("api/app/message");
            feed.StatusCode.ShouldBe(HttpStatusCode.OK, await feed.Content.ReadAsStringAsync());
        }

        refreshed["refresh_token"]!.GetValue<string>().ShouldNotBe(refreshToken);
        using var reused = await flow.TokenResponseAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = SignInFlow.ClientId
        });
        reused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await reused.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>().ShouldBe("invalid_grant");
    }

    [Theory]
    [InlineData("https", true)]
    [InlineData(null, false)]
    public async Task TheSignInCookies_AreHttpOnlyAndSameSite_AndSecureWhereTheRequestIs(string? forwardedProto, bool secure)
    {
        var cookies = await SignInCookiesAsync(forwardedProto);

        cookies.Keys.ShouldBe(["messaging.antiforgery", "messaging.identity"], ignoreOrder: true);
        cookies.Values.ShouldAllBe(attributes => attributes.Contains("httponly"));
        cookies["messaging.antiforgery"].ShouldContain("samesite=strict");
        cookies["messaging.identity"].ShouldContain("samesite=lax");
        cookies.Values.ShouldAllBe(attributes => attributes.Contains("secure") == secure);
    }

    [Fact]
    public async Task ARevokedRefreshToken_GivesNoMoreTokens()
    {
        using var flow = new SignInFlow(_host);
        var tokens = await flow.SignInAsync("Demo", "admin", DemoAdminPassword);
        var refreshToken = tokens["refresh_token"]!.GetValue<string>();

        using var revoked = await flow.RevokeAsync(refreshToken);
        using var refresh = await flow.TokenResponseAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = SignInFlow.ClientId
        });

        revoked.StatusCode.ShouldBe(HttpStatusCode.OK, await revoked.Content.ReadAsStringAsync());
        refresh.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refresh.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>().ShouldBe("invalid_grant");
    }

    [Fact]
    public async Task SigningOut_EndsTheHostSession_ReturnsToTheClient_AndIsAudited()
    {
        using var flow = new SignInFlow(_host);
        await flow.SignInAsync("Demo", "admin", DemoAdminPassword);
        (await flow.AuthorizeAgainAsync()).GetLeftPart(UriPartial.Path).ShouldBe(SignInFlow.RedirectUri);

        using var signedOut = await flow.EndSessionAsync(SignInFlow.RedirectUri);
        using var foreignReturn = await flow.EndSessionAsync("https://attacker.example/");

        signedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect, await signedOut.Content.ReadAsStringAsync());
        signedOut.Headers.Location!.GetLeftPart(UriPartial.Path).ShouldBe(SignInFlow.RedirectUri);
        (await flow.AuthorizeAgainAsync()).ToString().ShouldContain("/account/login");
        foreignReturn.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var log = await _host.Client(HostProcess.DemoTenantKey).GetAsync("api/identity/security-logs?maxResultCount=1000");
        (await log.Content.ReadAsStringAsync()).ShouldContain("\"SignedOut\"");
    }

    [Fact]
    public async Task AnInvalidBearerToken_Answers401()
    {
        using var client = SignInFlow.Bearer(_host, "not-a-token");

        using var response = await client.GetAsync("api/app/message");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
    }

    [Fact]
    public async Task ClientCredentials_GiveATokenForTheClientsTenant_WithOnlyItsPermissions()
    {
        using var flow = new SignInFlow(_host);
        using var issued = await flow.TokenResponseAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = MachineClientId,
            ["client_secret"] = MachineClientSecret
        });
        var token = await issued.JsonAsync(HttpStatusCode.OK);
        using var client = SignInFlow.Bearer(_host, token["access_token"]!.GetValue<string>());

        using var feed = await client.GetAsync("api/app/message");
        using var send = await client.SendAsync(Api.Sms());
        using var demoKeyFeed = await _host.Client(HostProcess.DemoTenantKey).GetAsync("api/app/message");

        feed.StatusCode.ShouldBe(HttpStatusCode.OK, await feed.Content.ReadAsStringAsync());
        (await feed.Content.ReadAsStringAsync()).ShouldBe(await demoKeyFeed.Content.ReadAsStringAsync());
        await send.ProblemAsync(HttpStatusCode.Forbidden);
        using var wrongSecret = await flow.TokenResponseAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = MachineClientId,
            ["client_secret"] = MachineClientSecret + "x"
        });
        wrongSecret.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RepeatedWrongPasswords_LockTheAccountOut_AndEveryRefusalReadsAsAnUnknownAccount()
    {
        using var flow = new SignInFlow(_host);
        var page = new Uri("account/login?ReturnUrl=%2F", UriKind.Relative);

        using var unknownUser = await flow.PostSignInAsync(page, "Demo", "nobody", "Whatever-password-123");
        var unknownBody = await unknownUser.Content.ReadAsStringAsync();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var wrong = await flow.PostSignInAsync(page, "Demo", "admin", "Wrong-password-" + attempt);
            wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            RefusalOf(await wrong.Content.ReadAsStringAsync()).ShouldBe(RefusalOf(unknownBody));
        }

        using var lockedOut = await flow.PostSignInAsync(page, "Demo", "admin", DemoAdminPassword);
        using var unknownTenant = await flow.PostSignInAsync(page, "no-such-tenant", "admin", DemoAdminPassword);

        unknownUser.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        lockedOut.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        RefusalOf(await lockedOut.Content.ReadAsStringAsync()).ShouldBe(RefusalOf(unknownBody));
        RefusalOf(await unknownTenant.Content.ReadAsStringAsync()).ShouldBe(RefusalOf(unknownBody));
    }

    [Fact]
    public async Task FailedSignInsFromOneAddress_AreLimited_LikeUnknownApiKeys()
    {
        await using var host = await HostProcess.StartAsync(_database.File + ".limited", new Dictionary<string, string>
        {
            ["Authentication__FailedAttempts__PerMinute"] = "3",
            ["Authentication__FailedAttempts__Burst"] = "3"
        });
        using var flow = new SignInFlow(host);
        var page = new Uri("account/login?ReturnUrl=%2F", UriKind.Relative);

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var refused = await flow.PostSignInAsync(page, "Demo", "nobody-" + attempt, "Whatever-password-123");
            statuses.Add(refused.StatusCode);
        }

        statuses.ShouldContain(HttpStatusCode.TooManyRequests);
        using var rightPassword = await flow.PostSignInAsync(page, "Demo", "admin", DemoAdminPassword);
        rightPassword.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        rightPassword.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Fact]
    public async Task SignInWithoutTheAntiforgeryToken_IsRefused()
    {
        using var client = _host.Client();

        using var response = await client.PostAsync("account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["tenant"] = "Demo",
            ["userName"] = "admin",
            ["password"] = DemoAdminPassword,
            ["returnUrl"] = "/"
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }

    [Theory]
    [InlineData("account/login?returnUrl=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("account/forgot-password")]
    [InlineData("account/reset-password?tenant=%3Cscript%3E&userId=x&token=y")]
    [InlineData("account/confirm-email?tenant=%3Cscript%3E&userId=x&token=y")]
    public async Task AccountPages_AreNeverCachedOrFramed_AndEncodeWhatTheyEcho(string path)
    {
        using var client = _host.Client();

        using var page = await client.GetAsync(path);

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Headers.CacheControl!.NoStore.ShouldBeTrue();
        page.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("<form method=\"post\"");
        html.ShouldNotContain("<script>");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _database.Dispose();
    }

    /// <summary>The alert of a refused sign-in, without the fields echoed back.</summary>
    private static string RefusalOf(string html) =>
        html[html.IndexOf("<p role=\"alert\">", StringComparison.Ordinal)..html.IndexOf("<form", StringComparison.Ordinal)];

    /// <summary>
    /// Signs in on the host's page without a cookie container (which would keep Secure cookies from plain http) and
    /// answers each cookie the host set, by name, with its attributes in lower case.
    /// </summary>
    private async Task<Dictionary<string, string[]>> SignInCookiesAsync(string? forwardedProto)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _host.BaseAddress };
        if (forwardedProto is not null)
        {
            browser.DefaultRequestHeaders.Add("X-Forwarded-Proto", forwardedProto);
        }

        var set = new Dictionary<string, string[]>();
        using var page = await browser.GetAsync("account/login");
        var html = await page.Content.ReadAsStringAsync();
        page.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        Remember(page, set);
        using var post = new HttpRequestMessage(HttpMethod.Post, "account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(
                    System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"").Groups["token"].Value),
                ["returnUrl"] = "/",
                ["tenant"] = "Demo",
                ["userName"] = "admin",
                ["password"] = DemoAdminPassword,
                ["code"] = ""
            })
        };
        post.Headers.Add("Cookie", string.Join("; ", set.Select(cookie => cookie.Key + "=" + cookie.Value[0])));
        using var signedIn = await browser.SendAsync(post);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, await signedIn.Content.ReadAsStringAsync());
        Remember(signedIn, set);
        return set.ToDictionary(cookie => cookie.Key, cookie => cookie.Value[1..]);
    }

    /// <summary>Keeps each Set-Cookie as its value followed by its attributes (lower case, without values but SameSite's).</summary>
    private static void Remember(HttpResponseMessage response, Dictionary<string, string[]> cookies)
    {
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var parts = header.Split(';', StringSplitOptions.TrimEntries);
            var (name, value) = (parts[0][..parts[0].IndexOf('=')], parts[0][(parts[0].IndexOf('=') + 1)..]);
            var attributes = parts[1..].Select(part => part.ToLowerInvariant()).Select(part => part.StartsWith("samesite", StringComparison.Ordinal) ? part : part.Split('=')[0]);
            cookies[name] = [value, .. attributes];
        }
    }
}
