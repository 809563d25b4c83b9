using System.Diagnostics.Metrics;

namespace Messaging.BackgroundJobs;

/// <summary>Instruments of the retention and sweep jobs; exported to Prometheus by the host.</summary>
public sealed class SweepMetrics
{
    public const string MeterName = "Messaging.BackgroundJobs";

    private readonly Counter<long> _deleted;
    private readonly Counter<long> _runs;
    private readonly Histogram<long> _deletedPerRun;

    public SweepMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _deleted = meter.CreateCounter<long>("sweep.deleted", "{row}", "Rows a retention or sweep job deleted, by job.");
        _runs = meter.CreateCounter<long>("sweep.runs", "{run}", "Runs of a retention or sweep job, by job and outcome (succeeded, failed, skipped: another instance ran it).");
        _deletedPerRun = meter.CreateHistogram<long>("sweep.deleted_per_run", "{row}", "Rows one run of a retention or sweep job deleted, by job.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [0, 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000] });
    }

    public void Ran(string sweep, string outcome, int? deleted = null)
    {
        _runs.Add(1, new KeyValuePair<string, object?>("sweep", sweep), new KeyValuePair<string, object?>("outcome", outcome));
        if (deleted is { } rows)
        {
            _deletedPerRun.Record(rows, new KeyValuePair<string, object?>("sweep", sweep));
        }
    }

    public void Deleted(string sweep, int rows) => _deleted.Add(rows, new KeyValuePair<string, object?>("sweep", sweep));
}
