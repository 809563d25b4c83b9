using System.Diagnostics.Metrics;
using Prometheus;

namespace Messaging;

/// <summary>Which .NET meters reach /metrics, and with which histogram buckets.</summary>
public static class PrometheusBuckets
{
    public static bool IsExported(string meterName) =>
        meterName.StartsWith("Messaging.", StringComparison.Ordinal)
        || meterName is "Microsoft.AspNetCore.Server.Kestrel" or "System.Runtime";

    /// <summary>The instrument's own advice when it gives one.</summary>
    public static double[] FromAdvice(Instrument instrument) => instrument switch
    {
        Histogram<double> { Advice.HistogramBucketBoundaries: { } boundaries } => boundaries.ToArray(),
        Histogram<int> { Advice.HistogramBucketBoundaries: { } boundaries } => boundaries.Select(b => (double)b).ToArray(),
        _ => MeterAdapterOptions.DefaultHistogramBuckets
    };
}
