using System.Diagnostics.Metrics;

namespace Messaging.Channel;

/// <summary>Instruments of the Channel module; the tenant is never a label.</summary>
public sealed class ChannelMetrics
{
    public const string MeterName = "Messaging.Channel";

    private readonly Counter<long> _posted;
    private readonly Counter<long> _scheduled;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _cancelled;
    private readonly Counter<long> _expired;
    private readonly Counter<long> _refused;
    private readonly Histogram<double> _lateness;
    private long _waiting;
    private long _maxPerTenant;
    private double _averagePerTenant;
    private double _growthPerMinute;
    private (long Waiting, DateTime At)? _lastMeasure;

    public ChannelMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _posted = meter.CreateCounter<long>("messages.posted", "{message}", "Messages posted to channels, delayed ones at their delivery included.");
        _scheduled = meter.CreateCounter<long>("delayed.scheduled", "{message}", "Delayed messages stored.");
        _delivered = meter.CreateCounter<long>("delayed.delivered", "{message}", "Delayed messages posted at their time.");
        _cancelled = meter.CreateCounter<long>("delayed.cancelled", "{message}", "Delayed messages cancelled before their time.");
        _expired = meter.CreateCounter<long>("delayed.expired", "{message}", "Delayed messages not posted because their channel was archived or deleted.");
        _refused = meter.CreateCounter<long>("delayed.refused", "{message}", "Delayed messages refused because the tenant's queue was full.");
        _lateness = meter.CreateHistogram<double>("delayed.lateness", "s", "From a delayed message's time to its delivery.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 5, 10, 30, 60, 300] });
        meter.CreateObservableGauge("delayed.waiting", () => Volatile.Read(ref _waiting), "{message}", "Delayed messages waiting across tenants, as last measured.");
        meter.CreateObservableGauge("delayed.waiting_max_per_tenant", () => Volatile.Read(ref _maxPerTenant), "{message}",
            "Delayed messages waiting for the tenant with the most, as last measured.");
        meter.CreateObservableGauge("delayed.waiting_average_per_tenant", () => Volatile.Read(ref _averagePerTenant), "{message}",
            "Delayed messages waiting per tenant that has any, as last measured.");
        meter.CreateObservableGauge("delayed.growth_rate", () => Volatile.Read(ref _growthPerMinute), "{message}/min",
            "Change of the waiting delayed messages per minute between the last two measurements.");
    }

    public void Posted() => _posted.Add(1);

    public void Scheduled() => _scheduled.Add(1);

    public void Delivered(TimeSpan lateness)
    {
        _delivered.Add(1);
        _lateness.Record(Math.Max(0, lateness.TotalSeconds));
    }

    public void Cancelled() => _cancelled.Add(1);

    public void Expired(int count) => _expired.Add(count);

    public void Refused() => _refused.Add(1);

    /// <returns>The growth per minute since the previous measurement (0 for the first).</returns>
    public double QueueMeasured(DelayedQueueSize size, DateTime at)
    {
        double growth = 0;
        lock (this)
        {
            if (_lastMeasure is { } last && at > last.At)
            {
                growth = (size.Waiting - last.Waiting) / (at - last.At).TotalMinutes;
            }

            _lastMeasure = (size.Waiting, at);
        }

        Volatile.Write(ref _waiting, size.Waiting);
        Volatile.Write(ref _maxPerTenant, size.MaxPerTenant);
        Volatile.Write(ref _averagePerTenant, size.AveragePerTenant);
        Volatile.Write(ref _growthPerMinute, growth);
        return growth;
    }
}
