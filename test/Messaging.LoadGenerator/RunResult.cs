using System.Text;
using System.Text.Json;
using HdrHistogram;

namespace Messaging.LoadGenerator;

/// <summary>What one run measured, printed for people and as the one-line JSON the bench script reads.</summary>
public sealed record RunResult(
    LoadMode Mode,
    double? OfferedRate,
    double DurationSeconds,
    double WarmupSeconds,
    int ConnectionsRequested,
    long? ConnectionsObserved,
    long? ConnectionsObservedAfter,
    long ClientConnectionsOpened,
    long Sent,
    long Accepted202,
    long Rejected429,
    long Unavailable503,
    long OtherStatus,
    long Errors,
    long StillInFlight,
    double AcceptedPerSecond,
    double AnswerSpanSeconds,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs,
    double? SchedulerLagP99Ms,
    double? SchedulerLagMaxMs,
    IReadOnlyDictionary<int, long> OtherStatuses,
    IReadOnlyDictionary<string, long> ErrorKinds,
    WholeRunCounts WholeRun,
    GeneratorCost Generator,
    int BatchSize,
    long MessagesAccepted,
    double RequestsPerSecond)
{
    /// <param name="answerSpanSeconds">
    /// From the start of the measured window to the last answer of a measured send, at least the window itself:
    /// an open-model host that falls behind answers the window's sends over a longer time, and its rate says so.
    /// </param>
    public static RunResult From(LoadMode mode, LoadOptions options, RunStats stats, RunStats wholeRun, double? offeredRate, int connectionsRequested,
        long? connectionsObserved, long? connectionsObservedAfter, long clientConnectionsOpened, HistogramBase? schedulerLag, long stillInFlight,
        double answerSpanSeconds)
    {
        var span = Math.Max(options.Duration.TotalSeconds, answerSpanSeconds);
        var latency = stats.Latency;
        var empty = latency.TotalCount == 0;
        double Ms(double percentile) => empty ? 0 : latency.GetValueAtPercentile(percentile) / 1000.0;
        return new RunResult(
            mode,
            offeredRate,
            options.Duration.TotalSeconds,
            options.Warmup.TotalSeconds,
            connectionsRequested,
            connectionsObserved,
            connectionsObservedAfter,
            clientConnectionsOpened,
            stats.Sent,
            stats.Accepted,
            stats.Rejected429,
            stats.Unavailable503,
            stats.OtherStatus,
            stats.Errors,
            stillInFlight,
            stats.MessagesAccepted / span,
            span,
            Ms(50),
            Ms(90),
            Ms(99),
            Ms(99.9),
            empty ? 0 : latency.GetMaxValue() / 1000.0,
            schedulerLag is null || schedulerLag.TotalCount == 0 ? null : schedulerLag.GetValueAtPercentile(99) / 1000.0,
            schedulerLag is null || schedulerLag.TotalCount == 0 ? null : schedulerLag.GetMaxValue() / 1000.0,
            new SortedDictionary<int, long>(stats.OtherStatuses.ToDictionary()),
            stats.ErrorKinds.OrderByDescending(kind => kind.Value).Take(10).ToDictionary(kind => kind.Key, kind => kind.Value),
            new WholeRunCounts(wholeRun.Sent, wholeRun.Accepted, wholeRun.Rejected429, wholeRun.Unavailable503, wholeRun.OtherStatus, wholeRun.Errors,
                wholeRun.MessagesAccepted),
            GeneratorCost.Measure(),
            options.Batch,
            stats.MessagesAccepted,
            stats.Accepted / span);
    }

    public void PrintSummary(TextWriter output)
    {
        output.WriteLine($"  sent {Sent:N0}: 202 {Accepted202:N0}, 429 {Rejected429:N0}, 503 {Unavailable503:N0}, other {OtherStatus:N0}, errors {Errors:N0}");
        foreach (var (status, count) in OtherStatuses)
        {
            output.WriteLine($"    HTTP {status}: {count:N0}");
        }

        foreach (var (kind, count) in ErrorKinds)
        {
            output.WriteLine($"    error {kind}: {count:N0}");
        }

        if (BatchSize > 1)
        {
            output.WriteLine($"  batches of {BatchSize:N0}: {RequestsPerSecond:N1} requests/s, {MessagesAccepted:N0} messages accepted");
        }

        output.WriteLine($"  accepted {AcceptedPerSecond:N0} msg/s: {Accepted202:N0} answered {(BatchSize > 1 ? "200" : "202")} over {AnswerSpanSeconds:0.##}s" +
            (OfferedRate is { } rate ? $" (offered {rate:N0} msg/s for {DurationSeconds:0.##}s)" : ""));
        output.WriteLine($"  whole run incl. warm-up: sent {WholeRun.Sent:N0}, 202 {WholeRun.Accepted202:N0}, 429 {WholeRun.Rejected429:N0}, 503 {WholeRun.Unavailable503:N0}, other {WholeRun.OtherStatus:N0}, errors {WholeRun.Errors:N0}");
        output.WriteLine($"  generator cost: CPU {Generator.CpuSeconds:0.0}s, GCs gen0/1/2 {Generator.Gen0}/{Generator.Gen1}/{Generator.Gen2}, GC pauses {Generator.GcPauseMs:N0} ms, peak working set {Generator.PeakWorkingSetMb:N0} MB");
        output.WriteLine($"  latency{(Mode == LoadMode.Open ? " from scheduled time" : "")}: p50 {P50Ms:0.###} ms, p90 {P90Ms:0.###} ms, p99 {P99Ms:0.###} ms, p99.9 {P999Ms:0.###} ms, max {MaxMs:0.###} ms");
    }

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("mode", Mode == LoadMode.Open ? "open" : "closed");
            WriteNumber(json, "offeredRate", OfferedRate);
            json.WriteNumber("durationSeconds", DurationSeconds);
            json.WriteNumber("warmupSeconds", WarmupSeconds);
            json.WriteStartObject("connections");
            json.WriteNumber("requested", ConnectionsRequested);
            WriteNumber(json, "observed", ConnectionsObserved);
            WriteNumber(json, "observedAfterRun", ConnectionsObservedAfter);
            json.WriteNumber("clientOpened", ClientConnectionsOpened);
            json.WriteEndObject();
            json.WriteNumber("sent", Sent);
            json.WriteNumber("accepted202", Accepted202);
            json.WriteNumber("rejected429", Rejected429);
            json.WriteNumber("unavailable503", Unavailable503);
            json.WriteNumber("otherStatus", OtherStatus);
            json.WriteNumber("errors", Errors);
            json.WriteNumber("stillInFlight", StillInFlight);
            json.WriteNumber("acceptedPerSecond", Math.Round(AcceptedPerSecond, 1));
            json.WriteNumber("batchSize", BatchSize);
            json.WriteNumber("messagesAccepted", MessagesAccepted);
            json.WriteNumber("requestsPerSecond", Math.Round(RequestsPerSecond, 2));
            json.WriteNumber("answerSpanSeconds", Math.Round(AnswerSpanSeconds, 3));
            json.WriteNumber("p50Ms", P50Ms);
            json.WriteNumber("p90Ms", P90Ms);
            json.WriteNumber("p99Ms", P99Ms);
            json.WriteNumber("p999Ms", P999Ms);
            json.WriteNumber("maxMs", MaxMs);
            WriteNumber(json, "schedulerLagP99Ms", SchedulerLagP99Ms);
            WriteNumber(json, "schedulerLagMaxMs", SchedulerLagMaxMs);
            json.WriteStartObject("wholeRun");
            json.WriteNumber("sent", WholeRun.Sent);
            json.WriteNumber("accepted202", WholeRun.Accepted202);
            json.WriteNumber("rejected429", WholeRun.Rejected429);
            json.WriteNumber("unavailable503", WholeRun.Unavailable503);
            json.WriteNumber("otherStatus", WholeRun.OtherStatus);
            json.WriteNumber("errors", WholeRun.Errors);
            json.WriteNumber("messagesAccepted", WholeRun.MessagesAccepted);
            json.WriteEndObject();
            json.WriteStartObject("generator");
            json.WriteNumber("cpuSeconds", Math.Round(Generator.CpuSeconds, 2));
            json.WriteNumber("gcPauseMs", Math.Round(Generator.GcPauseMs, 1));
            json.WriteNumber("gen0", Generator.Gen0);
            json.WriteNumber("gen1", Generator.Gen1);
            json.WriteNumber("gen2", Generator.Gen2);
            json.WriteNumber("peakWorkingSetMb", Math.Round(Generator.PeakWorkingSetMb, 1));
            json.WriteEndObject();
            json.WriteStartObject("otherStatuses");
            foreach (var (status, count) in OtherStatuses)
            {
                json.WriteNumber(status.ToString(System.Globalization.CultureInfo.InvariantCulture), count);
            }

            json.WriteEndObject();
            json.WriteStartObject("errorKinds");
            foreach (var (kind, count) in ErrorKinds)
            {
                json.WriteNumber(kind, count);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}

/// <summary>Every answer of the run, warm-up and stragglers included: what the host should have stored.</summary>
public sealed record WholeRunCounts(long Sent, long Accepted202, long Rejected429, long Unavailable503, long OtherStatus, long Errors,
    long MessagesAccepted);

/// <summary>What the generator itself cost, since it shares the machine with the host.</summary>
public sealed record GeneratorCost(double CpuSeconds, double GcPauseMs, int Gen0, int Gen1, int Gen2, double PeakWorkingSetMb)
{
    public static GeneratorCost Measure()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return new GeneratorCost(
            process.TotalProcessorTime.TotalSeconds,
            GC.GetTotalPauseDuration().TotalMilliseconds,
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2),
            process.PeakWorkingSet64 / (1024.0 * 1024.0));
    }
}
