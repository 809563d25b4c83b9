using System.Diagnostics.Metrics;

namespace Messaging.FlowControl;

/// <summary>Instruments of load shedding; exported to Prometheus by the host.</summary>
public sealed class FlowControlMetrics
{
    public const string MeterName = "Messaging.FlowControl";

    private readonly Counter<long> _shed;
    private MemoryStatus? _last;

    public FlowControlMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _shed = meter.CreateCounter<long>("shed_requests", "{request}", "Requests refused with 503 to relieve the process, by reason.");
        meter.CreateObservableGauge("memory.used", () => Volatile.Read(ref _last)?.Reading.UsedBytes ?? 0, "By",
            "Memory the process used at the last sample.");
        meter.CreateObservableGauge("memory.limit", () => Volatile.Read(ref _last)?.Reading.LimitBytes ?? 0, "By",
            "The memory limit flow control measures against (0 when unknown).");
        meter.CreateObservableGauge("memory.shedding", () => Volatile.Read(ref _last)?.Shedding == true ? 1 : 0, "{state}",
            "1 while the instance sheds load because of memory.");
    }

    public void MemorySampled(MemoryStatus status) => Volatile.Write(ref _last, status);

    public void Shed(string reason) => _shed.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
