namespace Messaging.FlowControl;

/// <summary>Measures the process's memory; replaced in tests to play any sequence of readings.</summary>
public interface IMemoryProbe
{
    /// <summary>The memory the process uses now and what the runtime reports as available to it (0 when unknown).</summary>
    MemoryUsage Read();
}

public readonly record struct MemoryUsage(long UsedBytes, long AvailableBytes);

/// <summary>
/// Uses the process working set: it is what a container's memory limit and the kernel's OOM killer count, native
/// buffers (database drivers, sockets) included, and it is current at every read. The GC's heap figures miss native
/// memory and only change when a collection runs, so a burst of allocations between collections would go unseen.
/// </summary>
public sealed class ProcessMemoryProbe : IMemoryProbe
{
    public MemoryUsage Read() => new(Environment.WorkingSet, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
}
