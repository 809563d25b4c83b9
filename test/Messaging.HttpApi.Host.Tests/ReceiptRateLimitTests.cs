using System.Net;
using System.Text;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>
/// The anonymous receipts endpoint is limited per client address and in total, before it reads a body; the client's
/// address comes from X-Forwarded-For only when the request came through a configured proxy.
/// </summary>
public class ReceiptRateLimitTests
{
    [Fact]
    public async Task AClientOverItsLimit_Gets429WithRetryAfter_AndForwardedHeadersFromAnUnknownProxyAreIgnored()
    {
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File, new Dictionary<string, string>
        {
            ["Delivery__Receipts__RateLimit__PerClient__RequestsPerMinute"] = "3"
        });
        using var client = host.Client();

        // Every request claims another client address, but nobody configured a proxy: they all come from loopback.
        var admitted = new List<HttpStatusCode>();
        for (var i = 1; i <= 3; i++)
        {
            using var response = await PostUnsignedReceiptAsync(client, $"203.0.113.{i}");
            admitted.Add(response.StatusCode);
        }

        using var refused = await PostUnsignedReceiptAsync(client, "203.0.113.4");

        admitted.ShouldAllBe(status => status == HttpStatusCode.Unauthorized);
        await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Fact]
    public async Task BehindAConfiguredProxy_EachForwardedClientHasItsOwnLimit_UnderAGlobalOne()
    {
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File, new Dictionary<string, string>
        {
            ["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
            ["Delivery__Receipts__RateLimit__PerClient__RequestsPerMinute"] = "2",
            ["Delivery__Receipts__RateLimit__Global__RequestsPerMinute"] = "5"
        });
        using var client = host.Client();

        var first = await StatusesAsync(client, "203.0.113.1", 3);
        var second = await StatusesAsync(client, "203.0.113.2", 2);
        var third = await StatusesAsync(client, "203.0.113.3", 1);
        using var overGlobal = await PostUnsignedReceiptAsync(client, "203.0.113.4");

        first.ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests]);
        second.ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], "another client has its own limit");
        third.ShouldBe([HttpStatusCode.Unauthorized]);
        (await overGlobal.ProblemAsync(HttpStatusCode.TooManyRequests))["detail"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        overGlobal.Headers.RetryAfter.ShouldNotBeNull();
    }

    private static async Task<List<HttpStatusCode>> StatusesAsync(HttpClient client, string forwardedFor, int requests)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < requests; i++)
        {
            using var response = await PostUnsignedReceiptAsync(client, forwardedFor);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    private static Task<HttpResponseMessage> PostUnsignedReceiptAsync(HttpClient client, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/app/message-receipt/sms")
        {
            Content = new StringContent("""{"receiptId":"r","providerMessageId":"p","status":"delivered"}""", Encoding.UTF8, "application/json")
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request);
    }
}
