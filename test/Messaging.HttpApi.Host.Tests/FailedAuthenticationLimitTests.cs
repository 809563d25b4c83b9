using System.Net;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>Guessing keys costs the guesser: failed attempts are limited per client address.</summary>
public class FailedAuthenticationLimitTests
{
    private const string KnownProxy = "127.0.0.1";

    [Fact]
    public async Task UnknownKeys_FromOneAddress_Get429AfterTheLimit_WhileKeysInUseThereStillWork()
    {
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File, Limit(3));
        using var tenant = host.Client(HostProcess.DemoTenantKey);
        await tenant.SendAcceptedAsync(Api.Sms("in use before the guessing"));

        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var guess = await GuessAsync(host);
            await guess.ProblemAsync(HttpStatusCode.Unauthorized);
        }

        using var refused = await GuessAsync(host);
        var problem = await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        problem["code"]!.GetValue<string>().ShouldBe("Messaging:TooManyFailedAuthentications");
        refused.Headers.RetryAfter.ShouldNotBeNull();
        using var spoofed = await GuessAsync(host, forwardedFor: "203.0.113.77");
        await spoofed.ProblemAsync(HttpStatusCode.TooManyRequests);
        await tenant.SendAcceptedAsync(Api.Sms("in use during the guessing"));
    }

    [Fact]
    public async Task BehindAConfiguredProxy_EachForwardedClientIsCountedOnItsOwn()
    {
        using var database = new TestDatabase();
        var settings = Limit(2);
        settings["ForwardedHeaders__KnownProxies__0"] = KnownProxy;
        await using var host = await HostProcess.StartAsync(database.File, settings);

        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var guess = await GuessAsync(host, forwardedFor: "203.0.113.1");
            await guess.ProblemAsync(HttpStatusCode.Unauthorized);
        }

        using var refused = await GuessAsync(host, forwardedFor: "203.0.113.1");
        await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        using var otherClient = await GuessAsync(host, forwardedFor: "203.0.113.2");
        await otherClient.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static Dictionary<string, string> Limit(int perMinute) => new()
    {
        ["Authentication__FailedAttempts__PerMinute"] = perMinute.ToString(),
        ["Authentication__FailedAttempts__Burst"] = perMinute.ToString()
    };

    private static async Task<HttpResponseMessage> GuessAsync(HostProcess host, string? forwardedFor = null)
    {
        using var client = host.Client("msk_" + Guid.NewGuid().ToString("N"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/app/message/send-one-way-message")
        {
            Content = System.Net.Http.Json.JsonContent.Create(Api.Sms("guess"), options: Api.Json)
        };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await client.SendAsync(request);
    }
}
