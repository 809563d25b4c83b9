using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Web;

namespace Messaging.TestSupport;

/// <summary>
/// The admin UI's side of the authorization code flow with PKCE, over plain HTTP as a browser would do it: the
/// authorize request, the sign-in page with its antiforgery token, the redirect with the code, the token request.
/// </summary>
public sealed partial class SignInFlow(HostProcess host) : IDisposable
{
    public const string ClientId = "messaging-admin";
    public const string RedirectUri = "http://127.0.0.1/signed-in";

    private readonly HttpClient _browser = new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
    {
        BaseAddress = host.BaseAddress
    };

    /// <summary>Signs in as the demo tenant's admin and returns its access token.</summary>
    public static async Task<string> DemoAdminTokenAsync(HostProcess host)
    {
        using var flow = new SignInFlow(host);
        return (await flow.SignInAsync("Demo", "admin", HostProcess.DemoAdminPassword))["access_token"]!.GetValue<string>();
    }

    /// <summary>Signs in on the host's page and returns the answer of the token endpoint for the code it gave.</summary>
    public async Task<JsonObject> SignInAsync(string tenant, string userName, string password, string? code = null)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var state = Guid.NewGuid().ToString("N");
        var authorize = "connect/authorize?" + string.Join('&', new Dictionary<string, string>
        {
            ["client_id"] = ClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = RedirectUri,
            ["scope"] = "openid profile offline_access",
            ["code_challenge"] = Base64Url(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
            ["state"] = state
        }.Select(parameter => $"{parameter.Key}={Uri.EscapeDataString(parameter.Value)}"));
        using var toSignIn = await _browser.GetAsync(authorize);
        toSignIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, await toSignIn.Content.ReadAsStringAsync());
        var signInPage = toSignIn.Headers.Location!;
        signInPage.ToString().ShouldContain("/account/login");

        using var signedIn = await PostSignInAsync(signInPage, tenant, userName, password, code);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, await signedIn.Content.ReadAsStringAsync());
        using var withCode = await _browser.GetAsync(signedIn.Headers.Location!.OriginalString.TrimStart('/'));
        withCode.StatusCode.ShouldBe(HttpStatusCode.Redirect, await withCode.Content.ReadAsStringAsync());
        var callback = withCode.Headers.Location!;
        callback.GetLeftPart(UriPartial.Path).ShouldBe(RedirectUri);
        var query = HttpUtility.ParseQueryString(callback.Query);
        query["state"].ShouldBe(state);

        return await TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = query["code"]!,
            ["redirect_uri"] = RedirectUri,
            ["client_id"] = ClientId,
            ["code_verifier"] = verifier
        });
    }

    /// <summary>Posts the sign-in form with the antiforgery token of the page the host served.</summary>
    public async Task<HttpResponseMessage> PostSignInAsync(Uri signInPage, string tenant, string userName, string password, string? code = null)
    {
        using var page = await _browser.GetAsync(signInPage.IsAbsoluteUri ? signInPage.PathAndQuery.TrimStart('/') : signInPage.OriginalString.TrimStart('/'));
        var html = await page.Content.ReadAsStringAsync();
        page.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        var returnUrl = HttpUtility.ParseQueryString((signInPage.IsAbsoluteUri ? signInPage : new Uri(host.BaseAddress, signInPage)).Query)["ReturnUrl"] ?? "";
        return await _browser.PostAsync("account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(html).Groups["token"].Value),
            ["returnUrl"] = returnUrl,
            ["tenant"] = tenant,
            ["userName"] = userName,
            ["password"] = password,
            ["code"] = code ?? ""
        }));
    }

    public async Task<JsonObject> RefreshAsync(string refreshToken) => await TokenAsync(new Dictionary<string, string>
    {
        ["grant_type"] = "refresh_token",
        ["refresh_token"] = refreshToken,
        ["client_id"] = ClientId
    });

    public async Task<HttpResponseMessage> RevokeAsync(string token) =>
        await _browser.PostAsync("connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token,
            ["client_id"] = ClientId
        }));

    /// <summary>The browser asks to sign out, as the admin UI sends it when the user signs out.</summary>
    public async Task<HttpResponseMessage> EndSessionAsync(string postLogoutRedirectUri) =>
        await _browser.GetAsync($"connect/logout?client_id={ClientId}&post_logout_redirect_uri={Uri.EscapeDataString(postLogoutRedirectUri)}");

    /// <summary>Starts the code flow again: a browser still signed in is sent straight back with a code, otherwise to the sign-in page.</summary>
    public async Task<Uri> AuthorizeAgainAsync()
    {
        var challenge = Base64Url(SHA256.HashData(RandomNumberGenerator.GetBytes(32)));
        using var response = await _browser.GetAsync(
            $"connect/authorize?client_id={ClientId}&response_type=code&redirect_uri={Uri.EscapeDataString(RedirectUri)}&scope=openid" +
            $"&code_challenge={challenge}&code_challenge_method=S256&state=again");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return response.Headers.Location!;
    }

    public async Task<HttpResponseMessage> TokenResponseAsync(Dictionary<string, string> form) =>
        await _browser.PostAsync("connect/token", new FormUrlEncodedContent(form));

    public static HttpClient Bearer(HostProcess host, string accessToken)
    {
        var client = host.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public void Dispose() => _browser.Dispose();

    private async Task<JsonObject> TokenAsync(Dictionary<string, string> form)
    {
        using var response = await TokenResponseAsync(form);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
