using System.Diagnostics.Metrics;
using Prometheus;

namespace Messaging;

/// <summary>Histogram buckets for exported .NET meters: the instrument's own advice when it gives one.</summary>
public static class PrometheusBuckets
{
    public static double[] FromAdvice(Instrument instrument) => instrument switch
    {
        Histogram<double> { Advice.HistogramBucketBoundaries: { } boundaries } => boundaries.ToArray(),
        Histogram<int> { Advice.HistogramBucketBoundaries: { } boundaries } => boundaries.Select(b => (double)b).ToArray(),
        _ => MeterAdapterOptions.DefaultHistogramBuckets
    };
}
