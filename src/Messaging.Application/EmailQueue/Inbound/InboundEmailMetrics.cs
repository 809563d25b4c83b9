using System.Diagnostics.Metrics;

namespace Messaging.EmailQueue.Inbound;

/// <summary>Instruments of inbound webhooks on the module's meter; the tenant is never a label.</summary>
public sealed class InboundEmailMetrics
{
    private static readonly double[] LatencyBuckets = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5];

    private readonly Counter<long> _answered;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _refused;
    private readonly Histogram<double> _phase1Seconds;
    private readonly Histogram<double> _batchSeconds;
    private readonly Counter<long> _tasks;
    private readonly Counter<long> _alerts;
    private readonly Counter<long> _recovered;
    private readonly Counter<long> _statements;

    public InboundEmailMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(EmailQueueMetrics.MeterName);
        _answered = meter.CreateCounter<long>("inbound.answered", "{email}", "Inbound emails answered, by action.");
        _duplicates = meter.CreateCounter<long>("inbound.duplicates", "{email}", "Webhooks with a webhook-id already answered, answered again without new work.");
        _refused = meter.CreateCounter<long>("inbound.refused", "{request}", "Webhooks refused, by reason.");
        _phase1Seconds = meter.CreateHistogram<double>("inbound.phase1_duration", "s", "Phase 1 of a webhook: verify, match, store the answer.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _batchSeconds = meter.CreateHistogram<double>("inbound.batch_duration", "s", "One phase-2 batch written.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _tasks = meter.CreateCounter<long>("inbound.tasks", "{task}", "Phase-2 tasks by outcome: processed, failed, dropped.");
        _alerts = meter.CreateCounter<long>("inbound.alerts", "{alert}", "Watch rules that reached their alert threshold.");
        _recovered = meter.CreateCounter<long>("inbound.recovered", "{email}", "Emails phase 2 had not processed, taken up by the recovery.");
        _statements = meter.CreateCounter<long>("inbound.statements", "{statement}", "Database statements of inbound webhooks, by phase.");
    }

    public void Answered(InboundEmailAction action) => _answered.Add(1, new KeyValuePair<string, object?>("action", action.ToString()));

    public void Duplicate() => _duplicates.Add(1);

    public void Refused(string reason) => _refused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Phase1(TimeSpan duration) => _phase1Seconds.Record(duration.TotalSeconds);

    public void Batch(TimeSpan duration) => _batchSeconds.Record(duration.TotalSeconds);

    public void Tasks(string outcome, long count) => _tasks.Add(count, new KeyValuePair<string, object?>("outcome", outcome));

    public void Alert() => _alerts.Add(1);

    public void Recovered(int count) => _recovered.Add(count);

    public void Statements(string phase, int count) => _statements.Add(count, new KeyValuePair<string, object?>("phase", phase));
}
