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
    public async Task Readiness_ChecksTheDatabaseTheBufferMemoryAndRuntimeSettings()
    {
        using var admin = shared.Host.Client(HostProcess.HostAdminKey);
        using var response = await admin.GetAsync("health/ready");

        var checks = (await response.JsonAsync(HttpStatusCode.OK))["checks"]!.AsObject();
        checks["database"]!["status"]!.GetValue<string>().ShouldBe("Healthy");
        checks["message-buffer"]!["data"]!["capacity"]!.GetValue<int>().ShouldBe(50_000);
        checks["memory"]!["data"]!["shedding"]!.GetValue<bool>().ShouldBeFalse();
        checks["memory"]!["data"]!["usedBytes"]!.GetValue<long>().ShouldBeGreaterThan(0);
        checks["runtime-settings"]!["status"]!.GetValue<string>().ShouldBe("Healthy");
        checks["runtime-settings"]!["data"]!["version"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Readiness_ToAnonymousProbes_NamesEachCheckWithItsStatus_AndNothingElse()
    {
        using var response = await _anonymous.GetAsync("health/ready");

        var checks = (await response.JsonAsync(HttpStatusCode.OK))["checks"]!.AsObject();
        checks.Select(check => check.Key).ShouldContain("database");
        checks.ShouldAllBe(check => check.Value!.AsObject().Select(field => field.Key).SequenceEqual(new[] { "status" }));
    }

    [Fact]
    public async Task Metrics_ArePrometheusTextWithTheHotPathInstruments()
    {
        using var tenant = shared.Host.Client(HostProcess.DemoTenantKey);
        await tenant.SendAcceptedAsync(Api.Sms());

        var text = await _anonymous.GetStringAsync("metrics");

        text.ShouldContain("# TYPE messaging_messages_buffer_depth gauge");
        text.ShouldContain("# TYPE messaging_flowcontrol_memory_used gauge");
        text.ShouldContain("http_requests_received_total{code=\"202\"");
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheSendEndpoint_AndTheReferenceUiIsServed()
    {
        var document = await _anonymous.GetStringAsync("openapi/v1.json");
        using var ui = await _anonymous.GetAsync("scalar/v1");

        document.ShouldContain("/api/app/message/send-one-way-message");
        document.ShouldContain("/api/app/tenant");
        document.ShouldContain("/api/app/settings/high-throughput");
        ui.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UnknownRoute_AnswersProblem404()
    {
        using var response = await _anonymous.GetAsync("api/app/nothing-here");

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }
}
