using System.Net;
using Messaging.TestSupport;

namespace Messaging;

[Collection(SharedHostCollection.Name)]
public class OperationsEndpointsTests(SharedHost shared)
{
    private readonly HttpClient _anonymous = shared.Host.Client();

    [Fact]
    public async Task Liveness_AnswersWithoutAuthentication()
    {
        using var response = await _anonymous.GetAsync("health/live");

        (await response.JsonAsync(HttpStatusCode.OK))["status"]!.GetValue<string>().ShouldBe("Healthy");
    }

    [Fact]
    public async Task Readiness_ChecksTheDatabaseAndTheBuffer()
    {
        using var response = await _anonymous.GetAsync("health/ready");

        var checks = (await response.JsonAsync(HttpStatusCode.OK))["checks"]!.AsObject();
        checks["database"]!["status"]!.GetValue<string>().ShouldBe("Healthy");
        checks["message-buffer"]!["data"]!["capacity"]!.GetValue<int>().ShouldBe(50_000);
    }

    [Fact]
    public async Task Metrics_ArePrometheusTextWithTheHotPathInstruments()
    {
        using var tenant = shared.Host.Client(HostProcess.DemoTenantKey);
        await tenant.SendAcceptedAsync(Api.Sms());

        var text = await _anonymous.GetStringAsync("metrics");

        text.ShouldContain("# TYPE messaging_messages_buffer_depth gauge");
        text.ShouldContain("http_requests_received_total{code=\"202\"");
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheSendEndpoint_AndTheReferenceUiIsServed()
    {
        var document = await _anonymous.GetStringAsync("openapi/v1.json");
        using var ui = await _anonymous.GetAsync("scalar/v1");

        document.ShouldContain("/api/app/message/send-one-way-message");
        document.ShouldContain("/api/app/tenant");
        ui.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UnknownRoute_AnswersProblem404()
    {
        using var response = await _anonymous.GetAsync("api/app/nothing-here");

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }
}
