using System.Net;
using System.Net.Http.Json;
using Messaging.TestSupport;

namespace Messaging.Contract;

/// <summary>
/// Every operation of the live document, called as a viewer (access token) and with a send-only API key of the same
/// tenant: each write is refused with 403, each read the caller's permissions allow answers. A new operation has to be
/// placed in one of the lists below, or this fails.
/// </summary>
[Collection(ContractHostCollection.Name)]
public class PermissionWalkTests(SharedHost shared) : IAsyncLifetime
{
    private const string ViewerPassword = "Walk-viewer-password-2291";

    private static readonly HashSet<string> ViewerReads =
    [
        "GET /api/app/message", "GET /api/app/message/{trackingId}/status", "GET /api/app/message/statistics",
        "GET /api/app/message-callback", "GET /api/app/message-provider", "GET /api/app/message-provider/configurations",
        "GET /api/app/message-provider/sandbox", "GET /api/app/message-provider/circuits",
        "GET /api/app/email-event/{id}", "GET /api/app/email-event/queue-status", "GET /api/app/email-event/dead-letters",
        "GET /api/app/email-event/dead-letters/audit",
        "GET /api/app/email-smtp-settings", "GET /api/app/email-suppression",
        "GET /api/app/email-webhook/stats", "GET /api/app/email-inbound-worker", "GET /api/app/email-inbound-worker/{id}", "GET /api/app/email-rule",
        "GET /api/app/email-rule/{id}", "GET /api/app/email-rule/audit",
        "GET /api/app/email-template", "GET /api/app/email-template/{type}", "GET /api/app/email-template/{type}/versions",
        "GET /api/app/email-template/{type}/versions/{versionId}", "POST /api/app/email-template/{type}/preview",
        "GET /api/app/attachment", "GET /api/app/attachment/{id}", "GET /api/app/attachment/{id}/download-link", "GET /api/app/attachment/{id}/events", "GET /api/app/attachment/audit",
        "GET /api/app/channel", "GET /api/app/channel/{id}", "GET /api/app/channel/{id}/events", "POST /api/app/channel/{id}/subscription-token",
        "GET /api/app/channel/{channelId}/message", "GET /api/app/channel/{channelId}/delayed-message",
        "GET /api/app/channel/{channelId}/delayed-message/{id}"
    ];

    private static readonly HashSet<string> SendOnlyOperations = ["POST /api/app/message/send-one-way-message", "POST /api/app/message/send-many"];

    private readonly OperationCases _cases = new(shared);
    private ContractDocument _document = null!;
    private string _viewerToken = "";
    private string _sendOnlyKey = "";

    public async Task InitializeAsync()
    {
        using var anonymous = shared.Host.Client();
        _document = await ContractDocument.LoadAsync(anonymous);
        await _cases.InitializeAsync();
        using var tenant = shared.Host.Client(_cases.TenantKey);
        using var viewer = await tenant.PostAsJsonAsync("api/identity/users",
            new { userName = "walking-viewer", password = ViewerPassword, roleNames = new[] { "viewer" } });
        viewer.StatusCode.ShouldBe(HttpStatusCode.Created, await viewer.Content.ReadAsStringAsync());
        using var key = await tenant.PostAsJsonAsync("api/app/api-key", new { name = "send-only", permissions = new[] { "Messaging.Messages.Send" } });
        _sendOnlyKey = (await key.JsonAsync(HttpStatusCode.Created))["key"]!.GetValue<string>();

        using var hostAdmin = shared.Host.Client(HostProcess.HostAdminKey);
        var tenantName = (await (await hostAdmin.GetAsync($"api/app/tenant/{_cases.TenantId}")).JsonAsync(HttpStatusCode.OK))["name"]!.GetValue<string>();
        using var flow = new SignInFlow(shared.Host);
        _viewerToken = (await flow.SignInAsync(tenantName, "walking-viewer", ViewerPassword))["access_token"]!.GetValue<string>();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AViewer_IsRefusedEveryWrite_AndAnsweredEveryReadOfItsRole()
    {
        foreach (var (key, call) in await CallsAsync())
        {
            var answer = await (call with { Headers = new Dictionary<string, string>(call.Headers) { ["Authorization"] = "Bearer " + _viewerToken } })
                .SendAsync(shared.Host);

            Expect(answer, ViewerReads.Contains(key), $"{key} as a viewer");
        }
    }

    [Fact]
    public async Task ASendOnlyKey_IsRefusedEverythingButSending()
    {
        foreach (var (key, call) in await CallsAsync())
        {
            var answer = await (call with { ApiKey = _sendOnlyKey }).SendAsync(shared.Host);

            Expect(answer, SendOnlyOperations.Contains(key), $"{key} with a send-only key");
        }
    }

    private static void Expect(ApiAnswer answer, bool allowed, string what)
    {
        if (allowed)
        {
            // Allowed is not "found": a read of what the walk's tenant has not set (its SMTP settings) answers 404.
            answer.Status.ShouldNotBeOneOf([HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden], $"{what}: {answer}");
            ((int)answer.Status).ShouldBeLessThan(500, $"{what}: {answer}");
        }
        else
        {
            answer.Status.ShouldBe(HttpStatusCode.Forbidden, $"{what}: {answer}");
        }
    }

    /// <summary>
    /// The valid call of every operation without its credentials; the anonymous receipt endpoint and the signed-in
    /// user's own profile (every user may change its own) are not a matter of permissions.
    /// </summary>
    private async Task<List<(string Key, ApiCall Call)>> CallsAsync()
    {
        var calls = new List<(string, ApiCall)>();
        foreach (var operation in _document.Operations.Where(operation => !operation.Template.StartsWith("/api/account/my-profile", StringComparison.Ordinal)))
        {
            var call = await _cases.All[operation.Key].Valid();
            if (call.ApiKey is not null)
            {
                calls.Add((operation.Key, call.WithoutKey()));
            }
        }

        calls.Count.ShouldBeGreaterThan(30);
        return calls;
    }
}
