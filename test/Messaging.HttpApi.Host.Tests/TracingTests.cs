using Messaging.ProviderEmulator;
using Messaging.TestSupport;

namespace Messaging;

/// <summary>
/// With <c>OpenTelemetry:Endpoint</c> set, one message is one trace exported over OTLP: its request, the accept, the
/// relay's publish, the consume, the dispatch and the provider's HTTP call, each the child of the one before.
/// (Over RabbitMQ: <see cref="RabbitMqEventBusTests"/>.)
/// </summary>
public class TracingTests
{
    [Fact]
    public async Task OneMessage_IsOneTrace_FromItsRequestThroughTheCommitRelayAndDispatchToTheProviderCall()
    {
        await using var collector = new OtlpCollector();
        await using var emulator = await EmulatorServer.StartAsync(MessageTrace.ProviderEmulatorOptions);
        using var database = new TestDatabase();
        await using var host = await HostProcess.StartAsync(database.File, MessageTrace.HostSettings(collector));

        var trace = await MessageTrace.SendAndFollowAsync(host, emulator, collector);

        trace.ShouldBeOneChain("in-process", emulator.BaseAddress);
        (await host.MetricAsync("messaging_messages_committed")).ShouldBeGreaterThanOrEqualTo(1, "metrics stay on the Prometheus endpoint");
        collector.Spans.ShouldNotContain(span => span.Kind == OtlpSpanKind.Server && (span["url.path"] ?? "").StartsWith("/health"),
            "probes are not traced");
    }
}
