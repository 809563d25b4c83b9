using System.Diagnostics.Metrics;
using Messaging.Messages.Delivery;

namespace Messaging.Messages.Dispatch;

/// <summary>Instruments of dispatch; exported to Prometheus by the host.</summary>
public sealed class DispatchMetrics
{
    public const string MeterName = "Messaging.Dispatch";

    private readonly Counter<long> _providerCalls;
    private readonly Counter<long> _deferred;
    private readonly Counter<long> _finished;
    private readonly Histogram<double> _dispatchSeconds;
    private readonly Histogram<int> _batchSize;

    public DispatchMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _providerCalls = meter.CreateCounter<long>("provider_calls", "{call}", "Provider calls, by provider and outcome.");
        _deferred = meter.CreateCounter<long>("deferred", "{message}", "Messages left queued without a call, by reason.");
        _finished = meter.CreateCounter<long>("finished", "{message}", "Messages that reached Sent or Failed, by status.");
        _dispatchSeconds = meter.CreateHistogram<double>("latency", "s", "From acceptance to Sent.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });
        _batchSize = meter.CreateHistogram<int>("batch_size", "{message}", "Messages per claimed dispatch batch.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 25, 50, 100, 200, 500, 1000] });
    }

    public void Claimed(int count) => _batchSize.Record(count);

    public void ProviderCalled(string provider, SendOutcome outcome) =>
        _providerCalls.Add(1, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("outcome", outcome.ToString()));

    public void Deferred(string reason) => _deferred.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Sent(TimeSpan sinceAccepted)
    {
        _finished.Add(1, new KeyValuePair<string, object?>("status", nameof(MessageStatus.Sent)));
        _dispatchSeconds.Record(sinceAccepted.TotalSeconds);
    }

    public void Failed() => _finished.Add(1, new KeyValuePair<string, object?>("status", nameof(MessageStatus.Failed)));
}
