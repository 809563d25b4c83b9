using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Messaging.Security;

namespace Messaging.TestSupport;

/// <summary>What an email-routing worker does: a worker and rules made through the API, and webhooks signed as Standard Webhooks.</summary>
public static class InboundWebhooks
{
    public static async Task<(Guid Id, string Secret)> CreateWorkerAsync(this HttpClient tenant, string defaultAction = "Forward")
    {
        using var response = await tenant.PostAsJsonAsync("api/app/email-inbound-worker", new { name = "router", defaultAction });
        var created = await response.JsonAsync(HttpStatusCode.Created);
        return (created["worker"]!["id"]!.GetValue<Guid>(), created["secret"]!.GetValue<string>());
    }

    public static async Task<Guid> CreateRuleAsync(this HttpClient tenant, object rule)
    {
        using var response = await tenant.PostAsJsonAsync("api/app/email-rule", rule);
        return (await response.JsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
    }

    public static object Email(string subject, string from = "someone@example.com") =>
        new { from, to = "inbox@tenant.example", subject, headers = new Dictionary<string, string> { ["X-Campaign"] = "spring" } };

    public static async Task<HttpResponseMessage> PostWebhookAsync(this HttpClient client, Guid workerId, string secret, object email,
        string? webhookId = null, DateTimeOffset? signedAt = null)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(email);
        var id = webhookId ?? $"msg_{Guid.NewGuid():N}";
        var timestamp = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/app/email-webhook/{workerId}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.SignStandard(KeyOf(secret), id, timestamp, body));
        return await client.SendAsync(request);
    }

    public static async Task<JsonObject> AnswerAsync(this HttpClient client, Guid workerId, string secret, object email, string? webhookId = null)
    {
        using var response = await client.PostWebhookAsync(workerId, secret, email, webhookId);
        return await response.JsonAsync(HttpStatusCode.OK);
    }

    public static async Task<JsonObject> StatsAsync(this HttpClient tenant)
    {
        using var response = await tenant.GetAsync("api/app/email-webhook/stats");
        return await response.JsonAsync(HttpStatusCode.OK);
    }

    private static byte[] KeyOf(string secret) => Convert.FromBase64String(secret["whsec_".Length..]);

    public static string Text(this JsonObject json, string name) => json[name]?.GetValue<string>() ?? "";

    public static long Number(this JsonObject json, string name) => json[name]!.GetValue<long>();

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
