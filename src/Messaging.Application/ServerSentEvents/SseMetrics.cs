using System.Diagnostics.Metrics;

namespace Messaging.ServerSentEvents;

/// <summary>Instruments of the SSE hub; labelled by topic kind and reason, never by tenant (the admin view has tenants).</summary>
public sealed class SseMetrics
{
    public const string MeterName = "Messaging.ServerSentEvents";

    private readonly Counter<long> _opened;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _closed;
    private readonly Counter<long> _eventsSent;
    private readonly Counter<long> _heartbeats;
    private readonly Histogram<double> _fanOutSeconds;

    public SseMetrics(IMeterFactory meterFactory, SseConnectionRegistry registry)
    {
        var meter = meterFactory.Create(MeterName);
        _opened = meter.CreateCounter<long>("connections.opened", "{connection}", "Connections admitted, by topic kind; its rate is new connections per second.");
        _refused = meter.CreateCounter<long>("connections.refused", "{connection}", "Connections refused before their stream started, by reason.");
        _closed = meter.CreateCounter<long>("connections.closed", "{connection}",
            "Connections ended, by reason: client, stale (nothing written for StaleAfter), buffer_full (a client that stopped reading), shutdown.");
        _eventsSent = meter.CreateCounter<long>("events.sent", "{event}", "Events written to subscribers, replays included.");
        _heartbeats = meter.CreateCounter<long>("heartbeats", "{heartbeat}", "Heartbeat comments written.");
        _fanOutSeconds = meter.CreateHistogram<double>("fanout.latency", "s", "From the publish on any instance to the event's delivery into a subscriber's buffer here.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        meter.CreateObservableGauge("connections.active", registry.CountByKind, "{connection}", "Open connections on this instance, by topic kind.");
    }

    public void Opened(string kind) => _opened.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Refused(SseRefusal reason) => _refused.Add(1, new KeyValuePair<string, object?>("reason", Name(reason)));

    public void Closed(SseCloseReason reason) => _closed.Add(1, new KeyValuePair<string, object?>("reason", Name(reason)));

    public void EventsSent(int count) => _eventsSent.Add(count);

    public void Heartbeat() => _heartbeats.Add(1);

    public void FanOut(TimeSpan latency) => _fanOutSeconds.Record(Math.Max(0, latency.TotalSeconds));

    private static string Name(SseRefusal reason) => reason switch
    {
        SseRefusal.Global => "global",
        SseRefusal.ClientAddress => "client_address",
        SseRefusal.Tenant => "tenant",
        SseRefusal.ConnectionRate => "connection_rate",
        _ => "shutting_down"
    };

    private static string Name(SseCloseReason reason) => reason switch
    {
        SseCloseReason.Stale => "stale",
        SseCloseReason.BufferFull => "buffer_full",
        SseCloseReason.Shutdown => "shutdown",
        _ => "client"
    };
}
