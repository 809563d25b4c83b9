using System.Diagnostics.Metrics;

namespace Messaging.BackgroundJobs;

/// <summary>Instruments of the retention and sweep jobs; exported to Prometheus by the host.</summary>
public sealed class SweepMetrics
{
    public const string MeterName = "Messaging.BackgroundJobs";

    private readonly Counter<long> _deleted;

    public SweepMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _deleted = meter.CreateCounter<long>("sweep.deleted", "{row}", "Rows a retention or sweep job deleted, by job.");
    }

    public void Deleted(string sweep, int rows) => _deleted.Add(rows, new KeyValuePair<string, object?>("sweep", sweep));
}
