using System.Net;
using System.Net.Http.Json;
using System.Text;
using Messaging.TestSupport;

namespace Messaging;

[Collection(SharedHostCollection.Name)]
public class SendValidationTests(SharedHost shared)
{
    private readonly HttpClient _tenant = shared.Host.Client(HostProcess.DemoTenantKey);

    [Fact]
    public async Task InvalidFields_Answer400ListingEachField()
    {
        using var response = await _tenant.SendAsync(new { recipient = "not-an-email", channel = "Email", content = "" });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["recipient", "content"], ignoreOrder: true);
        problem["code"]!.GetValue<string>().ShouldBe("Messaging:ValidationFailed");
    }

    [Theory]
    [InlineData("Sms", "555-0123")]
    [InlineData("WhatsApp", "+1 (415) 555-0123")]
    [InlineData("Webhook", "http://insecure.example.com/hook")]
    public async Task RecipientNotFittingTheChannel_Answers400(string channel, string recipient)
    {
        using var response = await _tenant.SendAsync(new { recipient, channel, content = "hi" });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().ContainsKey("recipient").ShouldBeTrue();
    }

    [Fact]
    public async Task UnknownChannel_Answers400NamingTheAllowedValues()
    {
        using var response = await _tenant.SendAsync(new { recipient = "+14155550123", channel = "Pigeon", content = "hi" });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!["channel"]![0]!.GetValue<string>().ShouldContain("WhatsApp, Sms, Email, Webhook");
    }

    [Fact]
    public async Task MalformedJson_Answers400()
    {
        using var content = new StringContent("{\"recipient\": ", Encoding.UTF8, "application/json");

        using var response = await _tenant.PostAsync(Api.SendPath, content);

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task OversizedBody_Answers413()
    {
        using var response = await _tenant.SendAsync(Api.Sms(new string('x', 600_000)));

        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task MalformedIdempotencyKey_Answers400()
    {
        using var response = await _tenant.SendAsync(Api.Sms(), new string('k', 200));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().ContainsKey("Idempotency-Key").ShouldBeTrue();
    }

    [Fact]
    public async Task Rejected_SendsStoreNothing()
    {
        var before = (await shared.Database.StoredMessageIdsAsync()).Count;

        using var response = await _tenant.PostAsJsonAsync(Api.SendPath, new { recipient = "+14155550123", channel = "Sms" });

        await response.ProblemAsync(HttpStatusCode.BadRequest);
        (await shared.Database.StoredMessageIdsAsync()).Count.ShouldBe(before);
    }
}
