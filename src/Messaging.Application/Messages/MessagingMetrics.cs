using System.Diagnostics.Metrics;
using Messaging.Messages.Ingestion;

namespace Messaging.Messages;

/// <summary>Instruments of the hot path; exported to Prometheus by the host.</summary>
public sealed class MessagingMetrics
{
    public const string MeterName = "Messaging.Messages";

    private readonly Counter<long> _committed;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _unstorable;
    private readonly Counter<long> _stuckRepublished;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _commitSeconds;

    public MessagingMetrics(IMeterFactory meterFactory, MessageBuffer buffer)
    {
        var meter = meterFactory.Create(MeterName);
        _committed = meter.CreateCounter<long>("committed", "{message}", "Messages durably stored.");
        _rejected = meter.CreateCounter<long>("rejected", "{message}", "Sends refused by the buffer, by reason.");
        _failed = meter.CreateCounter<long>("commit_failed", "{message}", "Messages whose batch could not be stored.");
        _unstorable = meter.CreateCounter<long>("unstorable", "{message}",
            "Messages refused because their database cannot store one of their values, by reason; their batches committed without them.");
        _stuckRepublished = meter.CreateCounter<long>("stuck_accepted_republished", "{message}",
            "Messages found still Accepted past Messages:AcceptedSweep:StuckAfter whose acceptance event was published again.");
        _batchSize = meter.CreateHistogram<int>("buffer.batch_size", "{message}", "Messages per committed batch.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000] });
        _commitSeconds = meter.CreateHistogram<double>("buffer.commit_duration", "s", "Time to write and commit one batch.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        meter.CreateObservableGauge("buffer.depth", () => buffer.Depth, "{message}", "Messages buffered and not yet settled.");
    }

    public void Committed(int count) => _committed.Add(count);

    public void CommitFailed(int count) => _failed.Add(count);

    public void Unstorable(UnstorableReason reason) => _unstorable.Add(1, new KeyValuePair<string, object?>("reason", reason.ToString()));
    public void StuckAcceptedRepublished(int count) => _stuckRepublished.Add(count);

    public void Rejected(BufferAdmission reason) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason.ToString()));
    public void Rejected(BufferAdmission reason, int count = 1) => _rejected.Add(count, new KeyValuePair<string, object?>("reason", reason.ToString()));

    public void BatchWritten(int size, TimeSpan duration)
    {
        _batchSize.Record(size);
        _commitSeconds.Record(duration.TotalSeconds);
    }
}
