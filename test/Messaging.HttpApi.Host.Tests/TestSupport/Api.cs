using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Messaging.TestSupport;

public static class Api
{
    public const string SendPath = "api/app/message/send-one-way-message";
    public const string SendManyPath = "api/app/message/send-many";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static object Sms(string content = "hello", string priority = "Normal") =>
        new { recipient = "+14155550123", channel = "Sms", content, priority };

    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, SendPath) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> SendManyAsync(this HttpClient client, params object?[] messages) =>
        client.SendManyAsync(idempotencyKey: null, messages);

    public static async Task<HttpResponseMessage> SendManyAsync(this HttpClient client, string? idempotencyKey, params object?[] messages)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, SendManyPath) { Content = JsonContent.Create(new { messages }) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    public static async Task<Guid> SendAcceptedAsync(this HttpClient client, object body, string? idempotencyKey = null)
    {
        using var response = await client.SendAsync(body, idempotencyKey);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["trackingId"]!.GetValue<Guid>();
    }

    public static async Task<JsonObject> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = JsonNode.Parse(body)!.AsObject();
        problem["status"]!.GetValue<int>().ShouldBe((int)expected);
        return problem;
    }

    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    public static async Task<JsonArray> JsonArrayAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!.AsArray();
    }

    /// <summary>Creates a tenant through the admin API and returns its id and a fresh key.</summary>
    public static async Task<(Guid TenantId, string ApiKey)> CreateTenantAsync(this HttpClient hostAdmin, string? tier = "Premium")
    {
        var name = "tenant-" + Guid.NewGuid().ToString("N")[..12];
        using var created = await hostAdmin.PostAsJsonAsync("api/app/tenant", new { name, tier });
        var tenantId = (await created.JsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        using var key = await hostAdmin.PostAsJsonAsync($"api/app/tenant/{tenantId}/api-key", new { name = "tests" });
        var apiKey = (await key.JsonAsync(HttpStatusCode.Created))["key"]!.GetValue<string>();
        return (tenantId, apiKey);
    }

    /// <summary>Sets the host admin's override of a tenant's limits and returns the limits that hold now.</summary>
    public static async Task<JsonObject> OverrideRateLimitAsync(this HttpClient hostAdmin, Guid tenantId,
        int? requestsPerMinute = null, int? burstLimit = null, int? concurrentRequests = null)
    {
        using var response = await hostAdmin.PutAsJsonAsync($"api/app/tenant/{tenantId}/rate-limit",
            new { requestsPerMinute, burstLimit, concurrentRequests });
        return await response.JsonAsync(HttpStatusCode.OK);
    }

    /// <summary>
    /// The seeded demo tenant is Basic: 100 requests a minute, 20 a second, 10 at once. Tests that send volume or poll
    /// as the demo tenant give it an override first, as an operator would a busy tenant.
    /// </summary>
    public static async Task RaiseDemoTenantLimitsAsync(this HostProcess host)
    {
        using var admin = host.Client(HostProcess.HostAdminKey);
        using var list = await admin.GetAsync("api/app/tenant?maxResultCount=1000");
        var demo = (await list.JsonAsync(HttpStatusCode.OK))["items"]!.AsArray().Single(t => t!["name"]!.GetValue<string>() == "Demo")!;
        await admin.OverrideRateLimitAsync(demo["id"]!.GetValue<Guid>(), requestsPerMinute: 1_000_000, burstLimit: 100_000, concurrentRequests: 10_000);
    }
}
