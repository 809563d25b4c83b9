using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Messaging.Messages;
using Messaging.TestSupport;

namespace Messaging.Contract;

/// <param name="Valid">A request the operation answers with success; it prepares what the operation needs first.</param>
/// <param name="Bad">A request the operation refuses with a problem.</param>
public sealed record OperationCase(Func<Task<ApiCall>> Valid, Func<Task<ApiCall>> Bad);

/// <summary>
/// A valid and a bad request for every operation of the API, keyed as "METHOD /template". The contract tests walk the
/// document and fail for an operation without a case here, so a new endpoint cannot go untested.
/// </summary>
public sealed class OperationCases(SharedHost shared)
{
    private const string HostKey = HostProcess.HostAdminKey;

    private HostProcess Host => shared.Host;

    public Guid TenantId { get; private set; }

    public string TenantKey { get; private set; } = "";

    private string? _demoAdminToken;

    public async Task InitializeAsync()
    {
        using var admin = Host.Client(HostKey);
        (TenantId, TenantKey) = await admin.CreateTenantAsync("Enterprise");
        await admin.OverrideRateLimitAsync(TenantId, requestsPerMinute: 1_000_000, burstLimit: 100_000, concurrentRequests: 10_000);
    }

    public IReadOnlyDictionary<string, OperationCase> All => new Dictionary<string, OperationCase>
    {
        ["POST /api/app/message/send-one-way-message"] = Tenant(() => Send()),
        ["GET /api/app/message/{trackingId}/status"] = Tenant(async () =>
            new ApiCall(HttpMethod.Get, $"api/app/message/{await SentMessageAsync()}/status", TenantKey)),

        ["POST /api/app/message/send-many"] = Tenant(() => new ApiCall(HttpMethod.Post, "api/app/message/send-many", TenantKey,
            new JsonObject
            {
                ["messages"] = new JsonArray(
                    new JsonObject { ["recipient"] = "+14155550123", ["channel"] = "Sms", ["content"] = "first", ["priority"] = "Normal" },
                    new JsonObject { ["recipient"] = "someone@example.com", ["channel"] = "Email", ["content"] = "second" })
            })
        {
            Headers = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString("N") }
        }),
        ["POST /api/app/message/{trackingId}/cancel"] = Tenant(async () =>
        {
            var (trackingId, key) = await CancellableMessageAsync();
            return new ApiCall(HttpMethod.Post, $"api/app/message/{trackingId}/cancel", key);
        }),
        ["GET /api/app/message"] = Tenant(() => new ApiCall(HttpMethod.Get, "api/app/message?channel=Sms&pageSize=5", TenantKey)),
        ["GET /api/app/message/statistics"] = Tenant(() => new ApiCall(HttpMethod.Get,
            $"api/app/message/statistics?from={DateTime.UtcNow.AddHours(-2):yyyy-MM-ddTHH:00:00Z}&to={DateTime.UtcNow.AddHours(1):yyyy-MM-ddTHH:00:00Z}&bucket=Hour",
            TenantKey)),

        ["POST /api/app/email-event"] = Tenant(() => new ApiCall(HttpMethod.Post, "api/app/email-event", TenantKey,
            new JsonObject { ["type"] = "Welcome", ["payload"] = new JsonObject { ["to"] = "ada@example.com", ["name"] = "Ada" } })
        {
            Headers = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString("N") }
        }),
        ["GET /api/app/email-event/{id}"] = Tenant(async () =>
            new ApiCall(HttpMethod.Get, $"api/app/email-event/{await PublishedEmailEventAsync()}", TenantKey)),

        ["GET /api/app/email-event/queue-status"] = Tenant(() => new ApiCall(HttpMethod.Get, "api/app/email-event/queue-status", TenantKey)),
        ["GET /api/app/email-event/dead-letters"] = Tenant(() =>
            new ApiCall(HttpMethod.Get, "api/app/email-event/dead-letters?errorClass=Permanent&code=5.1.1&maxResultCount=5", TenantKey)),
        ["POST /api/app/email-event/dead-letters/{id}/replay"] = Tenant(async () =>
        {
            var (key, id) = await DeadLetterAsync();
            return new ApiCall(HttpMethod.Post, $"api/app/email-event/dead-letters/{id}/replay", key);
        }),
        ["POST /api/app/email-event/dead-letters/replay"] = Tenant(async () =>
        {
            var (key, id) = await DeadLetterAsync();
            return new ApiCall(HttpMethod.Post, "api/app/email-event/dead-letters/replay", key,
                new JsonObject { ["ids"] = new JsonArray(id.ToString(), Guid.NewGuid().ToString()) });
        }),
        ["POST /api/app/email-event/dead-letters/replay-matching"] = Tenant(async () =>
        {
            var (key, _) = await DeadLetterAsync();
            return new ApiCall(HttpMethod.Post, "api/app/email-event/dead-letters/replay-matching", key,
                new JsonObject { ["errorClass"] = "Permanent", ["code"] = "5.1.1", ["ratePerSecond"] = 5 });
        }),
        ["POST /api/app/email-event/dead-letters/purge"] = Tenant(async () =>
        {
            var (key, id) = await DeadLetterAsync();
            return new ApiCall(HttpMethod.Post, "api/app/email-event/dead-letters/purge", key,
                new JsonObject { ["ids"] = new JsonArray(id.ToString(), Guid.NewGuid().ToString()) });
        }),
        ["POST /api/app/email-event/dead-letters/purge-matching"] = Tenant(async () =>
        {
            var (key, _) = await DeadLetterAsync();
            return new ApiCall(HttpMethod.Post, "api/app/email-event/dead-letters/purge-matching", key, new JsonObject { ["code"] = "5.1.1" });
        }),
        ["GET /api/app/email-event/dead-letters/audit"] = Tenant(() =>
            new ApiCall(HttpMethod.Get, "api/app/email-event/dead-letters/audit?maxResultCount=5", TenantKey)),
        ["GET /api/app/email-suppression"] = Tenant(() => new ApiCall(HttpMethod.Get, "api/app/email-suppression?maxResultCount=5", TenantKey)),
        ["DELETE /api/app/email-suppression/{address}"] = Tenant(async () =>
        {
            var (key, _) = await DeadLetterAsync();
            return new ApiCall(HttpMethod.Delete, $"api/app/email-suppression/{UnknownMailbox}", key);
        }),
        ["GET /api/app/email-smtp-settings"] = Tenant(async () =>
        {
            var (key, _) = await TenantWithSmtpAsync();
            return new ApiCall(HttpMethod.Get, "api/app/email-smtp-settings", key);
        }),
        ["PUT /api/app/email-smtp-settings"] = Tenant(async () =>
            new ApiCall(HttpMethod.Put, "api/app/email-smtp-settings", (await TenantWithSmtpAsync()).Key, SmtpSettingsBody(2525))),
        ["DELETE /api/app/email-smtp-settings"] = Tenant(async () =>
            new ApiCall(HttpMethod.Delete, "api/app/email-smtp-settings", (await TenantWithSmtpAsync()).Key)),

        ["POST /api/app/email-webhook/{workerId}"] = new(SignedWebhookAsync, async () =>
            new ApiCall(HttpMethod.Post, $"api/app/email-webhook/{(await InboundWorkerAsync()).Id}") { RawBody = InboundWebhooks.Utf8("{}") }),
        ["GET /api/app/email-webhook/stats"] = Tenant(() => new ApiCall(HttpMethod.Get, "api/app/email-webhook/stats", TenantKey)),
        ["GET /api/app/email-webhook/async-queue/status"] = Admin(() => new ApiCall(HttpMethod.Get, "api/app/email-webhook/async-queue/status", HostKey)),
        ["GET /api/app/email-inbound-worker"] = Tenant(() => new ApiCall(HttpMethod.Get, "api/app/email-inbound-worker", TenantKey)),
        ["POST /api/app/email-inbound-worker"] = Tenant(() =>
            new ApiCall(HttpMethod.Post, "api/app/email-inbound-worker", TenantKey, new JsonObject { ["name"] = "router", ["defaultAction"] = "Forward" })),
        ["GET /api/app/email-inbound-worker/{id}"] = Tenant(async () =>
            new ApiCall(HttpMethod.Get, $"api/app/email-inbound-worker/{(await InboundWorkerAsync()).Id}", TenantKey)),
        ["PUT /api/app/email-inbound-worker/{id}"] = Tenant(async () =>
            new ApiCall(HttpMethod.Put, $"api/app/email-inbound-worker/{(await InboundWorkerAsync()).Id}", TenantKey,
                new JsonObject { ["name"] = "renamed", ["defaultAction"] = "Drop", ["enabled"] = true })),
        ["POST /api/app/email-inbound-worker/{id}/rotate-secret"] = Tenant(async () =>
            new ApiCall(HttpMethod.Post, $"api/app/email-inbound-worker/{(await InboundWorkerAsync()).Id}/rotate-secret", TenantKey)),
        ["DELETE /api/app/email-inbound-worker/{id}"] = Tenant(async () =>
            new ApiCall(HttpMethod.Delete, $"api/app/email-inbound-worker/{(await InboundWorkerAsync()).Id}", TenantKey)),
        ["GET /api/app/email-rule"] = Tenant(() => new ApiCall(HttpMethod.Get, "api/app/email-rule?kind=Filter&maxResultCount=5", TenantKey)),
        ["POST /api/app/email-rule"] = Tenant(() => new ApiCall(HttpMethod.Post, "api/app/email-rule", TenantKey, EmailRuleBody("Delete"))),
        ["GET /api/app/email-rule/{id}"] = Tenant(async () => new ApiCall(HttpMethod.Get, $"api/app/email-rule/{await EmailRuleAsync()}", TenantKey)),
        ["PUT /api/app/email-rule/{id}"] = Tenant(async () =>
            new ApiCall(HttpMethod.Put, $"api/app/email-rule/{await EmailRuleAsync()}", TenantKey, EmailRuleBody("Tag"))),
        ["DELETE /api/app/email-rule/{id}"] = Tenant(async () => new ApiCall(HttpMethod.Delete, $"api/app/email-rule/{await EmailRuleAsync()}", TenantKey)),
        ["GET /api/app/email-template"] = Tenant(() => new ApiCall(HttpMethod.Get, "api/app/email-template", TenantKey)),
        ["GET /api/app/email-template/{type}"] = Tenant(() => new ApiCall(HttpMethod.Get, "api/app/email-template/OrderConfirmation", TenantKey)),
        ["GET /api/app/email-template/{type}/versions"] = Tenant(() => new ApiCall(HttpMethod.Get, "api/app/email-template/Welcome/versions", TenantKey)),
        ["GET /api/app/email-template/{type}/versions/{versionId}"] = Tenant(async () =>
            new ApiCall(HttpMethod.Get, $"api/app/email-template/Welcome/versions/{await EmailTemplateVersionAsync()}", TenantKey)),
        ["POST /api/app/email-template/{type}/versions"] = Tenant(() =>
            new ApiCall(HttpMethod.Post, "api/app/email-template/Welcome/versions", TenantKey, EmailTemplateBody())),
        ["POST /api/app/email-template/{type}/versions/{versionId}/activate"] = Tenant(async () =>
            new ApiCall(HttpMethod.Post, $"api/app/email-template/Welcome/versions/{await EmailTemplateVersionAsync()}/activate", TenantKey, new JsonObject())),
        ["POST /api/app/email-template/{type}/reset"] = Tenant(() => new ApiCall(HttpMethod.Post, "api/app/email-template/Welcome/reset", TenantKey, new JsonObject())),
        ["POST /api/app/email-template/{type}/preview"] = Tenant(() =>
            new ApiCall(HttpMethod.Post, "api/app/email-template/Welcome/preview", TenantKey, EmailTemplateBody())),
        ["GET /api/app/email-rule/audit"] = Tenant(() => new ApiCall(HttpMethod.Get, "api/app/email-rule/audit?maxResultCount=5", TenantKey)),
        ["GET /api/app/email-rule/cache/stats"] = Admin(() => new ApiCall(HttpMethod.Get, "api/app/email-rule/cache/stats", HostKey)),
        ["POST /api/app/attachment"] = Tenant(() => Upload()),
        ["GET /api/app/attachment"] = Tenant(() => new ApiCall(HttpMethod.Get, "api/app/attachment?status=Queued&pageSize=5", TenantKey)),
        ["GET /api/app/attachment/{id}"] = Tenant(async () => new ApiCall(HttpMethod.Get, $"api/app/attachment/{await UploadedAsync()}", TenantKey)),
        ["GET /api/app/attachment/{id}/download-link"] = Tenant(async () =>
            new ApiCall(HttpMethod.Get, $"api/app/attachment/{await UploadedAsync()}/download-link?expiresInSeconds=60", TenantKey)),
        ["GET /api/app/attachment/download/{id}"] = new(
            async () => new ApiCall(HttpMethod.Get, await DownloadPathAsync()),
            async () => new ApiCall(HttpMethod.Get, (await DownloadPathAsync()).Replace("token=", "token=x", StringComparison.Ordinal))),
        ["DELETE /api/app/attachment/{id}"] = Tenant(async () => new ApiCall(HttpMethod.Delete, $"api/app/attachment/{await UploadedAsync()}", TenantKey)),
        ["GET /api/app/attachment/audit"] = Tenant(() => new ApiCall(HttpMethod.Get, "api/app/attachment/audit?action=Uploaded&maxResultCount=5", TenantKey)),
        ["POST /api/app/attachment-sweep"] = Admin(() => new ApiCall(HttpMethod.Post, "api/app/attachment-sweep", HostKey)),

        ["GET /api/app/host-api-key"] = Admin(() => new ApiCall(HttpMethod.Get, "api/app/host-api-key", HostKey)),
        ["POST /api/app/host-api-key"] = Admin(() => new ApiCall(HttpMethod.Post, "api/app/host-api-key", HostKey,
            new JsonObject { ["name"] = "contract", ["permissions"] = new JsonArray("Messaging.Tenants") })),
        ["DELETE /api/app/host-api-key/{id}"] = Admin(async () =>
        {
            using var admin = Host.Client(HostKey);
            using var created = await admin.PostAsJsonAsync("api/app/host-api-key", new { name = "to-revoke" });
            var id = (await created.JsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
            return new ApiCall(HttpMethod.Delete, $"api/app/host-api-key/{id}", HostKey);
        }),

        ["GET /api/app/event-bus/parked-events"] = Admin(() =>
            new ApiCall(HttpMethod.Get, "api/app/event-bus/parked-events?maxResultCount=5", HostKey)),
        ["POST /api/app/event-bus/parked-events/{id}/replay"] = Admin(async () =>
            new ApiCall(HttpMethod.Post, $"api/app/event-bus/parked-events/{await ParkedEventAsync()}/replay", HostKey)),
        ["POST /api/app/event-bus/parked-events/replay"] = Admin(async () =>
        {
            var tenantId = await SpareTenantAsync();
            await shared.Database.InsertMessageWithParkedAcceptanceAsync(tenantId);
            return new ApiCall(HttpMethod.Post, "api/app/event-bus/parked-events/replay", HostKey, new JsonObject { ["tenantId"] = tenantId.ToString() });
        }),

        ["GET /api/app/api-key"] = Tenant(() => new ApiCall(HttpMethod.Get, "api/app/api-key", TenantKey)),
        ["POST /api/app/api-key"] = Tenant(() => new ApiCall(HttpMethod.Post, "api/app/api-key", TenantKey,
            new JsonObject { ["name"] = "contract", ["permissions"] = new JsonArray("Messaging.Messages") })),
        ["DELETE /api/app/api-key/{id}"] = Tenant(async () =>
        {
            using var tenant = Host.Client(TenantKey);
            using var created = await tenant.PostAsJsonAsync("api/app/api-key", new { name = "to-revoke" });
            var id = (await created.JsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
            return new ApiCall(HttpMethod.Delete, $"api/app/api-key/{id}", TenantKey);
        }),

        ["GET /api/app/tenant"] = Admin(() => new ApiCall(HttpMethod.Get, "api/app/tenant?maxResultCount=5", HostKey)),
        ["POST /api/app/tenant"] = Admin(() => new ApiCall(HttpMethod.Post, "api/app/tenant", HostKey,
            new JsonObject { ["name"] = "contract-" + Guid.NewGuid().ToString("N")[..12], ["tier"] = "Basic" })),
        ["GET /api/app/tenant/{id}"] = Admin(() => new ApiCall(HttpMethod.Get, $"api/app/tenant/{TenantId}", HostKey)),
        ["PUT /api/app/tenant/{id}"] = Admin(async () =>
            new ApiCall(HttpMethod.Put, $"api/app/tenant/{await SpareTenantAsync()}", HostKey, new JsonObject { ["tier"] = "Premium", ["name"] = "renamed-" + Guid.NewGuid().ToString("N")[..8] })),
        ["POST /api/app/tenant/{id}/api-key"] = Admin(() =>
            new ApiCall(HttpMethod.Post, $"api/app/tenant/{TenantId}/api-key", HostKey,
                new JsonObject { ["name"] = "contract", ["permissions"] = new JsonArray("Messaging.Messages.Send") })),
        ["GET /api/app/tenant/{id}/rate-limit"] = Admin(() => new ApiCall(HttpMethod.Get, $"api/app/tenant/{TenantId}/rate-limit", HostKey)),
        ["PUT /api/app/tenant/{id}/rate-limit"] = Admin(async () =>
            new ApiCall(HttpMethod.Put, $"api/app/tenant/{await SpareTenantAsync()}/rate-limit", HostKey, new JsonObject { ["requestsPerMinute"] = 500 })),
        ["DELETE /api/app/tenant/{id}/rate-limit"] = Admin(async () =>
            new ApiCall(HttpMethod.Delete, $"api/app/tenant/{await SpareTenantAsync()}/rate-limit", HostKey)),

        ["GET /api/app/message-callback"] = Tenant(async () =>
        {
            await SetCallbackAsync();
            return new ApiCall(HttpMethod.Get, "api/app/message-callback", TenantKey);
        }),
        ["PUT /api/app/message-callback"] = Tenant(() => new ApiCall(HttpMethod.Put, "api/app/message-callback", TenantKey, CallbackBody())),
        ["DELETE /api/app/message-callback"] = Tenant(async () =>
        {
            await SetCallbackAsync();
            return new ApiCall(HttpMethod.Delete, "api/app/message-callback", TenantKey);
        }),
        ["POST /api/app/message-callback/rotate-secret"] = Tenant(async () =>
        {
            await SetCallbackAsync();
            return new ApiCall(HttpMethod.Post, "api/app/message-callback/rotate-secret", TenantKey);
        }),

        ["GET /api/app/message-provider"] = Tenant(() => new ApiCall(HttpMethod.Get, "api/app/message-provider", TenantKey)),
        ["GET /api/app/message-provider/configurations"] = Tenant(() =>
            new ApiCall(HttpMethod.Get, "api/app/message-provider/configurations", TenantKey)),
        ["PUT /api/app/message-provider/configurations/{channel}"] = Tenant(() => WebhookConfiguration()),
        ["DELETE /api/app/message-provider/configurations/{channel}"] = Tenant(async () =>
        {
            (await WebhookConfiguration().SendAsync(Host)).Status.ShouldBe(HttpStatusCode.OK);
            return new ApiCall(HttpMethod.Delete, "api/app/message-provider/configurations/Webhook", TenantKey);
        }),
        ["GET /api/app/message-provider/sandbox"] = Tenant(() =>
            new ApiCall(HttpMethod.Get, "api/app/message-provider/sandbox?skipCount=0&maxResultCount=5", TenantKey)),

        ["POST /api/app/channel"] = Tenant(() => new ApiCall(HttpMethod.Post, "api/app/channel", TenantKey,
            new JsonObject { ["name"] = "contract", ["description"] = "A channel", ["tags"] = new JsonArray("shop") })),
        ["GET /api/app/channel"] = Tenant(() => new ApiCall(HttpMethod.Get, "api/app/channel?sorting=name%20desc&maxResultCount=5&tag=shop", TenantKey)),
        ["GET /api/app/channel/{id}"] = Tenant(async () => new ApiCall(HttpMethod.Get, $"api/app/channel/{await ChannelAsync()}", TenantKey)),
        ["PUT /api/app/channel/{id}"] = Tenant(async () => new ApiCall(HttpMethod.Put, $"api/app/channel/{await ChannelAsync()}", TenantKey,
            new JsonObject { ["name"] = "renamed", ["tags"] = new JsonArray("eu"), ["isArchived"] = false })),
        ["DELETE /api/app/channel/{id}"] = Tenant(async () => new ApiCall(HttpMethod.Delete, $"api/app/channel/{await ChannelAsync()}", TenantKey)),
        ["POST /api/app/channel/{id}/subscription-token"] = Tenant(async () =>
            new ApiCall(HttpMethod.Post, $"api/app/channel/{await ChannelAsync()}/subscription-token", TenantKey)),
        ["GET /api/app/attachment/{id}/events"] = Tenant(async () =>
            new ApiCall(HttpMethod.Get, $"api/app/attachment/{await UploadedAsync()}/events?lastEventId=0", TenantKey)),
        ["GET /api/app/channel/{id}/events"] = Tenant(async () => new ApiCall(HttpMethod.Get, $"api/app/channel/{await ChannelAsync()}/events", TenantKey)),
        ["GET /api/app/channel/connections"] = Tenant(() => new ApiCall(HttpMethod.Get, "api/app/channel/connections", TenantKey)),
        ["POST /api/app/channel/{channelId}/message"] = Tenant(async () =>
            new ApiCall(HttpMethod.Post, $"api/app/channel/{await ChannelAsync()}/message", TenantKey, new JsonObject { ["content"] = "hello" })),
        ["GET /api/app/channel/{channelId}/message"] = Tenant(async () =>
            new ApiCall(HttpMethod.Get, $"api/app/channel/{await ChannelAsync()}/message?pageSize=5", TenantKey)),
        ["GET /api/app/channel/{channelId}/delayed-message"] = Tenant(async () =>
        {
            var (channelId, _) = await DelayedMessageAsync();
            return new ApiCall(HttpMethod.Get, $"api/app/channel/{channelId}/delayed-message?status=Waiting&maxResultCount=5", TenantKey);
        }),
        ["GET /api/app/channel/{channelId}/delayed-message/{id}"] = Tenant(async () =>
        {
            var (channelId, id) = await DelayedMessageAsync();
            return new ApiCall(HttpMethod.Get, $"api/app/channel/{channelId}/delayed-message/{id}", TenantKey);
        }),
        ["DELETE /api/app/channel/{channelId}/delayed-message/{id}"] = Tenant(async () =>
        {
            var (channelId, id) = await DelayedMessageAsync();
            return new ApiCall(HttpMethod.Delete, $"api/app/channel/{channelId}/delayed-message/{id}", TenantKey);
        }),
        ["POST /api/app/cron/cleanup-delayed-messages"] = new(
            () => Task.FromResult(new ApiCall(HttpMethod.Post, "api/app/cron/cleanup-delayed-messages")
            {
                Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + HostProcess.CronSecret }
            }),
            () => Task.FromResult(new ApiCall(HttpMethod.Post, "api/app/cron/cleanup-delayed-messages")
            {
                Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer not-the-secret" }
            })),
        ["POST /api/app/message-receipt/{provider}"] = new(SignedReceiptAsync,
            () => Task.FromResult(new ApiCall(HttpMethod.Post, "api/app/message-receipt/sms") { RawBody = ReceiptAndCallbackTests.Receipt("r", "SM-x", "delivered") })),

        ["GET /api/app/settings/high-throughput"] = Admin(() => new ApiCall(HttpMethod.Get, "api/app/settings/high-throughput", HostKey)),
        ["PUT /api/app/settings/high-throughput"] = Admin(() => UnchangedSettingsAsync()),
        ["GET /api/app/settings/high-throughput/history"] = Admin(() =>
            new ApiCall(HttpMethod.Get, "api/app/settings/high-throughput/history?maxResultCount=2", HostKey)),
        ["POST /api/app/settings/high-throughput/history/{version}/restore"] = Admin(async () =>
        {
            var version = await StoredSettingsVersionAsync();
            return new ApiCall(HttpMethod.Post, $"api/app/settings/high-throughput/history/{version}/restore", HostKey, new JsonObject());
        }),

        ["GET /api/identity/roles"] = Tenant(() => new ApiCall(HttpMethod.Get, "api/identity/roles", TenantKey)),
        ["POST /api/identity/roles"] = Tenant(() => new ApiCall(HttpMethod.Post, "api/identity/roles", TenantKey, NewRole())),
        ["GET /api/identity/roles/{id}"] = Tenant(async () => new ApiCall(HttpMethod.Get, $"api/identity/roles/{(await CreatedRoleAsync()).Id}", TenantKey)),
        ["PUT /api/identity/roles/{id}"] = Tenant(async () =>
            new ApiCall(HttpMethod.Put, $"api/identity/roles/{(await CreatedRoleAsync()).Id}", TenantKey, NewRole())),
        ["DELETE /api/identity/roles/{id}"] = Tenant(async () =>
            new ApiCall(HttpMethod.Delete, $"api/identity/roles/{(await CreatedRoleAsync()).Id}", TenantKey)),
        ["PUT /api/permission-management/permissions"] = Tenant(async () => new ApiCall(HttpMethod.Put,
            $"api/permission-management/permissions?providerName=R&providerKey={(await CreatedRoleAsync()).Name}", TenantKey, new JsonObject
            {
                ["permissions"] = new JsonArray(new JsonObject { ["name"] = "Messaging.Messages", ["isGranted"] = true })
            })),
        ["GET /api/permission-management/permissions"] = Tenant(() =>
            new ApiCall(HttpMethod.Get, "api/permission-management/permissions?providerName=R&providerKey=viewer", TenantKey)),
        ["GET /api/openiddict/applications"] = Tenant(() => new ApiCall(HttpMethod.Get, "api/openiddict/applications", TenantKey)),
        ["POST /api/openiddict/applications"] = Tenant(() => new ApiCall(HttpMethod.Post, "api/openiddict/applications", TenantKey, NewMachineClient())),
        ["GET /api/openiddict/applications/{id}"] = Tenant(async () =>
            new ApiCall(HttpMethod.Get, $"api/openiddict/applications/{await CreatedMachineClientAsync()}", TenantKey)),
        ["PUT /api/openiddict/applications/{id}"] = Tenant(async () =>
            new ApiCall(HttpMethod.Put, $"api/openiddict/applications/{await CreatedMachineClientAsync()}", TenantKey, NewMachineClient())),
        ["POST /api/openiddict/applications/{id}/secret"] = Tenant(async () =>
            new ApiCall(HttpMethod.Post, $"api/openiddict/applications/{await CreatedMachineClientAsync()}/secret", TenantKey)),
        ["DELETE /api/openiddict/applications/{id}"] = Tenant(async () =>
            new ApiCall(HttpMethod.Delete, $"api/openiddict/applications/{await CreatedMachineClientAsync()}", TenantKey)),
        ["GET /api/identity/security-logs"] = Tenant(() =>
            new ApiCall(HttpMethod.Get, "api/identity/security-logs?skipCount=0&maxResultCount=5", TenantKey)),
        ["GET /api/identity/users"] = Tenant(() => new ApiCall(HttpMethod.Get, "api/identity/users?skipCount=0&maxResultCount=5", TenantKey)),
        ["POST /api/identity/users"] = Tenant(() => new ApiCall(HttpMethod.Post, "api/identity/users", TenantKey, NewUser())),
        ["GET /api/identity/users/{id}"] = Tenant(async () => new ApiCall(HttpMethod.Get, $"api/identity/users/{await CreatedUserAsync()}", TenantKey)),
        ["PUT /api/identity/users/{id}"] = Tenant(async () => new ApiCall(HttpMethod.Put, $"api/identity/users/{await CreatedUserAsync()}", TenantKey,
            new JsonObject
            {
                ["userName"] = "renamed-" + Guid.NewGuid().ToString("N")[..8],
                ["email"] = "renamed@example.com",
                ["name"] = "Re",
                ["surname"] = "Named",
                ["isActive"] = true,
                ["roleNames"] = new JsonArray("operator")
            })),
        ["DELETE /api/identity/users/{id}"] = Tenant(async () =>
            new ApiCall(HttpMethod.Delete, $"api/identity/users/{await CreatedUserAsync()}", TenantKey)),
        ["GET /api/account/my-profile"] = SignedInUser(() => new ApiCall(HttpMethod.Get, "api/account/my-profile")),
        ["PUT /api/account/my-profile"] = SignedInUser(() => new ApiCall(HttpMethod.Put, "api/account/my-profile", Body: new JsonObject
        {
            ["email"] = "admin@example.com",
            ["name"] = "Demo",
            ["surname"] = "Admin"
        })),
        // The same password again: the case runs many times, and the demo admin must keep signing in.
        ["POST /api/account/my-profile/change-password"] = SignedInUser(() => new ApiCall(HttpMethod.Post, "api/account/my-profile/change-password",
            Body: new JsonObject { ["currentPassword"] = HostProcess.DemoAdminPassword, ["newPassword"] = HostProcess.DemoAdminPassword })),

        ["GET /api/account/my-profile/permissions"] = SignedInUser(() => new ApiCall(HttpMethod.Get, "api/account/my-profile/permissions")),
        ["GET /api/account/my-profile/two-factor"] = SignedInUser(() => new ApiCall(HttpMethod.Get, "api/account/my-profile/two-factor")),
        ["POST /api/account/my-profile/two-factor/disable"] = SignedInUser(() => new ApiCall(HttpMethod.Post, "api/account/my-profile/two-factor/disable")),
        // A user of its own each time: the demo admin must keep signing in without a second factor.
        ["POST /api/account/my-profile/two-factor/enable"] = new(async () =>
        {
            var token = await FreshUserTokenAsync();
            var setup = await new ApiCall(HttpMethod.Get, "api/account/my-profile/two-factor")
            {
                Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token }
            }.SendAsync(Host);
            return new ApiCall(HttpMethod.Post, "api/account/my-profile/two-factor/enable",
                Body: new JsonObject { ["code"] = Totp.Code(setup.Json["sharedKey"]!.GetValue<string>()) })
            {
                Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token }
            };
        }, () => Task.FromResult(new ApiCall(HttpMethod.Post, "api/account/my-profile/two-factor/enable", Body: new JsonObject { ["code"] = "123456" }))),
        ["POST /api/account/my-profile/two-factor/recovery-codes"] = new(async () =>
            new ApiCall(HttpMethod.Post, "api/account/my-profile/two-factor/recovery-codes")
            {
                Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + await TwoFactorUserTokenAsync() }
            }, () => Task.FromResult(new ApiCall(HttpMethod.Post, "api/account/my-profile/two-factor/recovery-codes"))),

        ["GET /api/app/message-provider/circuits"] = Tenant(() => new ApiCall(HttpMethod.Get, "api/app/message-provider/circuits", TenantKey)),
        ["POST /api/app/message-provider/circuits/{provider}/{tenantId}/force-open"] = Admin(async () =>
            new ApiCall(HttpMethod.Post, $"api/app/message-provider/circuits/sandbox/{await SpareTenantAsync()}/force-open", HostKey)),
        ["POST /api/app/message-provider/circuits/{provider}/{tenantId}/reset"] = Admin(async () =>
            new ApiCall(HttpMethod.Post, $"api/app/message-provider/circuits/sandbox/{await SpareTenantAsync()}/reset", HostKey))
    };

    public ApiCall Send(string? idempotencyKey = null) =>
        new(HttpMethod.Post, Api.SendPath, TenantKey,
            new JsonObject
            {
                ["recipient"] = "+14155550123",
                ["channel"] = "Sms",
                ["content"] = "contract",
                ["priority"] = "Normal",
                ["metadata"] = new JsonObject { ["order"] = "1001" }
            })
        {
            Headers = new Dictionary<string, string> { ["Idempotency-Key"] = idempotencyKey ?? Guid.NewGuid().ToString("N") }
        };

    private static OperationCase Tenant(Func<Task<ApiCall>> valid) => WithoutKeyIsBad(valid);

    private static OperationCase Tenant(Func<ApiCall> valid) => WithoutKeyIsBad(() => Task.FromResult(valid()));

    private static OperationCase Admin(Func<Task<ApiCall>> valid) => WithoutKeyIsBad(valid);

    private static OperationCase Admin(Func<ApiCall> valid) => WithoutKeyIsBad(() => Task.FromResult(valid()));

    /// <summary>An operation for signed-in users: the demo tenant's admin with an access token, and without it the bad request.</summary>
    private OperationCase SignedInUser(Func<ApiCall> valid) => new(
        async () => valid() with { Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + await DemoAdminTokenAsync() } },
        () => Task.FromResult(valid()));

    private async Task<string> DemoAdminTokenAsync() => _demoAdminToken ??= await SignInFlow.DemoAdminTokenAsync(Host);

    private async Task<string> FreshUserTokenAsync()
    {
        var user = NewUser();
        (await new ApiCall(HttpMethod.Post, "api/identity/users", TenantKey, user).SendAsync(Host)).Status.ShouldBe(HttpStatusCode.Created);
        var tenant = await new ApiCall(HttpMethod.Get, $"api/app/tenant/{TenantId}", HostKey).SendAsync(Host);
        using var flow = new SignInFlow(Host);
        var tokens = await flow.SignInAsync(tenant.Json["name"]!.GetValue<string>(), user["userName"]!.GetValue<string>(),
            user["password"]!.GetValue<string>());
        return tokens["access_token"]!.GetValue<string>();
    }

    /// <summary>A user of its own with the second factor on: the demo admin must keep signing in without one.</summary>
    private async Task<string> TwoFactorUserTokenAsync()
    {
        var token = await FreshUserTokenAsync();
        var bearer = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token };
        var setup = await new ApiCall(HttpMethod.Get, "api/account/my-profile/two-factor") { Headers = bearer }.SendAsync(Host);
        var enabled = await new ApiCall(HttpMethod.Post, "api/account/my-profile/two-factor/enable",
            Body: new JsonObject { ["code"] = Totp.Code(setup.Json["sharedKey"]!.GetValue<string>()) })
        { Headers = bearer }.SendAsync(Host);
        enabled.Status.ShouldBe(HttpStatusCode.OK, enabled.Body);
        return token;
    }

    private static JsonObject NewUser() => new()
    {
        ["userName"] = "contract-" + Guid.NewGuid().ToString("N")[..12],
        ["email"] = "contract@example.com",
        ["name"] = "Con",
        ["surname"] = "Tract",
        ["password"] = "Contract-password-1234",
        ["isActive"] = true,
        ["roleNames"] = new JsonArray("viewer")
    };

    private static JsonObject NewRole() => new() { ["name"] = "role-" + Guid.NewGuid().ToString("N")[..8] };

    private async Task<(Guid Id, string Name)> CreatedRoleAsync()
    {
        var created = await new ApiCall(HttpMethod.Post, "api/identity/roles", TenantKey, NewRole()).SendAsync(Host);
        created.Status.ShouldBe(HttpStatusCode.Created, created.Body);
        return (created.Json["id"]!.GetValue<Guid>(), created.Json["name"]!.GetValue<string>());
    }

    private static JsonObject NewMachineClient() => new()
    {
        ["displayName"] = "client-" + Guid.NewGuid().ToString("N")[..8],
        ["permissions"] = new JsonArray("Messaging.Messages")
    };

    private async Task<Guid> CreatedMachineClientAsync()
    {
        var created = await new ApiCall(HttpMethod.Post, "api/openiddict/applications", TenantKey, NewMachineClient()).SendAsync(Host);
        created.Status.ShouldBe(HttpStatusCode.Created, created.Body);
        return created.Json["id"]!.GetValue<Guid>();
    }

    private async Task<Guid> CreatedUserAsync()
    {
        var created = await new ApiCall(HttpMethod.Post, "api/identity/users", TenantKey, NewUser()).SendAsync(Host);
        created.Status.ShouldBe(HttpStatusCode.Created, created.Body);
        return created.Json["id"]!.GetValue<Guid>();
    }

    private static OperationCase WithoutKeyIsBad(Func<Task<ApiCall>> valid) => new(valid, async () => (await valid()).WithoutKey());

    private async Task<Guid> SentMessageAsync()
    {
        using var tenant = Host.Client(TenantKey);
        return await tenant.SendAcceptedAsync(Api.Sms());
    }

    /// <summary>
    /// A message of a tenant of its own whose sandbox circuit is forced open: dispatch leaves it Queued, so it can be
    /// cancelled (Email is no longer an option: the email queue takes it at once).
    /// </summary>
    private async Task<(Guid TrackingId, string ApiKey)> CancellableMessageAsync()
    {
        using var admin = Host.Client(HostKey);
        var (tenantId, key) = await admin.CreateTenantAsync();
        using var opened = await admin.PostAsync($"api/app/message-provider/circuits/sandbox/{tenantId}/force-open", null);
        opened.IsSuccessStatusCode.ShouldBeTrue(await opened.Content.ReadAsStringAsync());
        using var tenant = Host.Client(key);
        return (await tenant.SendAcceptedAsync(Api.Sms("to cancel")), key);
    }

    private const string UnknownMailbox = "gone@example.com";

    private static JsonObject SmtpSettingsBody(int port) =>
        new() { ["host"] = "smtp.example.com", ["port"] = port, ["tlsMode"] = "StartTls", ["from"] = "shop@example.com" };

    /// <summary>A new tenant with its own SMTP server.</summary>
    private async Task<(string Key, Guid TenantId)> TenantWithSmtpAsync()
    {
        using var admin = Host.Client(HostKey);
        var (tenantId, key) = await admin.CreateTenantAsync("Enterprise");
        var set = await new ApiCall(HttpMethod.Put, "api/app/email-smtp-settings", key, SmtpSettingsBody(587)).SendAsync(Host);
        set.Status.ShouldBe(HttpStatusCode.OK, set.Body);
        return (key, tenantId);
    }

    /// <summary>A dead-lettered event of a new tenant whose mailbox did not exist, its address now suppressed.</summary>
    private async Task<(string Key, Guid Id)> DeadLetterAsync()
    {
        using var admin = Host.Client(HostKey);
        var (tenantId, key) = await admin.CreateTenantAsync("Enterprise");
        return (key, await shared.Database.InsertUnknownMailboxDeadLetterAsync(tenantId, UnknownMailbox));
    }

    private async Task<Guid> ChannelAsync()
    {
        var created = await new ApiCall(HttpMethod.Post, "api/app/channel", TenantKey, new JsonObject { ["name"] = "contract" }).SendAsync(Host);
        created.Status.ShouldBe(HttpStatusCode.Created, created.Body);
        return created.Json["id"]!.GetValue<Guid>();
    }

    private async Task<(Guid ChannelId, Guid Id)> DelayedMessageAsync()
    {
        var channelId = await ChannelAsync();
        var posted = await new ApiCall(HttpMethod.Post, $"api/app/channel/{channelId}/message", TenantKey,
            new JsonObject { ["content"] = "later", ["deliverAt"] = DateTime.UtcNow.AddHours(1).ToString("O") }).SendAsync(Host);
        posted.Status.ShouldBe(HttpStatusCode.Accepted, posted.Body);
        return (channelId, posted.Json["delayedMessage"]!["id"]!.GetValue<Guid>());
    }

    private async Task<Guid> PublishedEmailEventAsync()
    {
        var published = await new ApiCall(HttpMethod.Post, "api/app/email-event", TenantKey,
            new JsonObject { ["type"] = "Welcome", ["payload"] = new JsonObject { ["to"] = "ada@example.com", ["name"] = "Ada" } }).SendAsync(Host);
        published.Status.ShouldBe(HttpStatusCode.Accepted, published.Body);
        return published.Json["id"]!.GetValue<Guid>();
    }

    private ApiCall Upload()
    {
        var (body, contentType) = AttachmentTests.Multipart("notes.txt", "text/plain", "hello\nworld\n"u8.ToArray());
        return new ApiCall(HttpMethod.Post, "api/app/attachment", TenantKey) { RawBody = body, RawContentType = contentType };
    }

    private async Task<Guid> UploadedAsync()
    {
        var uploaded = await Upload().SendAsync(Host);
        uploaded.Status.ShouldBe(HttpStatusCode.Accepted, uploaded.Body);
        return uploaded.Json["attachmentId"]!.GetValue<Guid>();
    }

    /// <summary>The path and query of a signed download link of a new attachment.</summary>
    private async Task<string> DownloadPathAsync()
    {
        var link = await new ApiCall(HttpMethod.Get, $"api/app/attachment/{await UploadedAsync()}/download-link", TenantKey).SendAsync(Host);
        link.Status.ShouldBe(HttpStatusCode.OK, link.Body);
        return new Uri(link.Json["url"]!.GetValue<string>()).PathAndQuery.TrimStart('/');
    }

    private async Task<Guid> ParkedEventAsync() =>
        (await shared.Database.InsertMessageWithParkedAcceptanceAsync(await SpareTenantAsync())).EventId;

    private async Task<Guid> SpareTenantAsync()
    {
        using var admin = Host.Client(HostKey);
        return (await admin.CreateTenantAsync("Basic")).TenantId;
    }

    private static JsonObject CallbackBody() => new() { ["url"] = "https://callbacks.example.com/messaging" };

    private async Task SetCallbackAsync()
    {
        var answer = await new ApiCall(HttpMethod.Put, "api/app/message-callback", TenantKey, CallbackBody()).SendAsync(Host);
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Body);
    }

    private ApiCall WebhookConfiguration() =>
        new(HttpMethod.Put, "api/app/message-provider/configurations/Webhook", TenantKey,
            new JsonObject { ["provider"] = "webhook", ["signingSecret"] = "contract-signing-secret-0123456789abcdef" });

    private async Task<(Guid Id, string Secret)> InboundWorkerAsync()
    {
        using var tenant = Host.Client(TenantKey);
        return await tenant.CreateWorkerAsync();
    }

    private async Task<Guid> EmailTemplateVersionAsync()
    {
        var saved = await new ApiCall(HttpMethod.Post, "api/app/email-template/Welcome/versions", TenantKey, EmailTemplateBody()).SendAsync(Host);
        saved.Status.ShouldBe(HttpStatusCode.OK);
        return saved.Json["activeVersion"]!["id"]!.GetValue<Guid>();
    }

    private static JsonObject EmailTemplateBody() => new()
    {
        ["subject"] = "Welcome, {{ name }}",
        ["text"] = "Hello {{ name }}",
        ["html"] = "<p>Hello {{ name }}</p>"
    };

    private async Task<Guid> EmailRuleAsync()
    {
        using var tenant = Host.Client(TenantKey);
        return await tenant.CreateRuleAsync(EmailRuleBody("Delete"));
    }

    private static JsonObject EmailRuleBody(string action) => new()
    {
        ["name"] = "prizes",
        ["field"] = "Subject",
        ["matchType"] = "Regex",
        ["pattern"] = "^win",
        ["action"] = action,
        ["order"] = 1
    };

    private async Task<ApiCall> SignedWebhookAsync()
    {
        var (workerId, secret) = await InboundWorkerAsync();
        var body = InboundWebhooks.Utf8("""{"from":"someone@example.com","to":"inbox@example.com","subject":"hello","headers":{}}""");
        var id = "msg_" + Guid.NewGuid().ToString("N");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return new ApiCall(HttpMethod.Post, $"api/app/email-webhook/{workerId}")
        {
            RawBody = body,
            Headers = new Dictionary<string, string>
            {
                ["webhook-id"] = id,
                ["webhook-timestamp"] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["webhook-signature"] = Messaging.Security.WebhookSignature.SignStandard(Convert.FromBase64String(secret["whsec_".Length..]), id, timestamp, body)
            }
        };
    }

    private async Task<ApiCall> SignedReceiptAsync()
    {
        using var admin = Host.Client(HostKey);
        var (tenantId, key) = await admin.CreateTenantAsync();
        var secret = await ReceiptAndCallbackTests.ConfigureProviderAsync(Host, key, MessageChannel.Sms);
        var providerId = "SM-" + Guid.NewGuid();
        await shared.Database.InsertSentMessageAsync(tenantId, MessageChannel.Sms, "sms", providerId);
        var (body, headers) = ReceiptAndCallbackTests.Signed(secret, ReceiptAndCallbackTests.Receipt("r-" + Guid.NewGuid(), providerId, "delivered"));
        return new ApiCall(HttpMethod.Post, "api/app/message-receipt/sms") { RawBody = body, Headers = headers };
    }

    private async Task<ApiCall> UnchangedSettingsAsync()
    {
        using var admin = Host.Client(HostKey);
        using var current = await admin.GetAsync("api/app/settings/high-throughput");
        var settings = (await current.JsonAsync(HttpStatusCode.OK))["settings"]!.DeepClone();
        return new ApiCall(HttpMethod.Put, "api/app/settings/high-throughput", HostKey, new JsonObject { ["settings"] = settings });
    }

    private async Task<int> StoredSettingsVersionAsync()
    {
        var stored = await (await UnchangedSettingsAsync()).SendAsync(Host);
        stored.Status.ShouldBe(HttpStatusCode.OK, stored.Body);
        return stored.Json["version"]!.GetValue<int>();
    }
}
