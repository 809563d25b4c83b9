using System.Net;
using System.Text;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>Every endpoint has a body limit, not only those that set their own.</summary>
public class RequestBodyLimitTests
{
    [Fact]
    public async Task BodyOverTheGlobalLimit_OnAnEndpointWithoutItsOwn_Answers413Problem_AndTheLimitIsConfigurable()
    {
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File,
            new Dictionary<string, string> { ["Http__MaxRequestBodyBytes"] = "4096" });
        using var admin = host.Client(HostProcess.HostAdminKey);

        using var oversized = await admin.PostAsync("api/app/tenant", Json($$"""{"name":"{{new string('a', 8192)}}","tier":"Basic"}"""));
        using var small = await admin.PostAsync("api/app/tenant", Json("""{"name":"small-body","tier":"Basic"}"""));

        await oversized.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        small.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task EndpointWithItsOwnLargerLimit_TakesBodiesOverTheGlobalOne()
    {
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File,
            new Dictionary<string, string> { ["Http__MaxRequestBodyBytes"] = "4096" });

        using var receipt = await host.Client().PostAsync("api/app/message-receipt/sms",
            Json($$"""{"padding":"{{new string('a', 8192)}}"}"""));

        await receipt.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ByDefault_BodiesOverOneMebibyte_Answer413Problem()
    {
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File);
        using var admin = host.Client(HostProcess.HostAdminKey);

        using var oversized = await admin.PostAsync("api/app/tenant",
            Json($$"""{"name":"x","tier":"Basic","padding":"{{new string('a', 1024 * 1024)}}"}"""));

        await oversized.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
