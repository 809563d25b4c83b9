using System.Diagnostics.Metrics;
using Messaging.MultiTenancy;

namespace Messaging.RateLimiting;

/// <summary>Refused requests by tier and by the limit that refused them; exported to Prometheus by the host.</summary>
public sealed class RateLimitMetrics
{
    public const string MeterName = "Messaging.RateLimiting";

    private readonly Counter<long> _rejections;

    public RateLimitMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _rejections = meter.CreateCounter<long>("rejections", "{request}", "Tenant requests refused with 429, by tier and limit.");
    }

    public void Rejected(TenantTier tier, RateLimitKind limit) =>
        _rejections.Add(1, new KeyValuePair<string, object?>("tier", TierNames[(int)tier]), new KeyValuePair<string, object?>("limit", LimitNames[(int)limit]));

    private static readonly string[] TierNames = Enum.GetNames<TenantTier>();

    private static readonly string[] LimitNames = Enum.GetNames<RateLimitKind>().Select(name => name.ToLowerInvariant()).ToArray();
}
