using System.Diagnostics;
using HdrHistogram;

namespace Messaging.LoadGenerator;

/// <summary>
/// The open model: first open and hold N keep-alive connections, then send at a fixed arrival rate whatever
/// the server does. Request i is due at t0 + i/rate and its latency counts from that due time, so a slow
/// server (or a late scheduler) shows up in the figures instead of silently lowering the offered rate.
/// </summary>
public sealed class OpenModelRun(LoadOptions options)
{
    private static readonly long HighestLagMicros = TimeSpan.FromMinutes(10).Ticks / 10;

    private readonly LongHistogram _schedulerLag = new(1, HighestLagMicros, 3);
    private SendClient _client = null!;
    private RunStats _wholeRun = null!;
    private long _inFlight;
    private long _firstMeasuredDue;

    public async Task<RunResult> RunAsync()
    {
        using var client = new SendClient(options, options.Connections);
        _client = client;

        var observed = await OpenConnectionsAsync();

        var stats = new RunStats();
        var wholeRun = new RunStats();
        _wholeRun = wholeRun;
        var total = (long)Math.Round(options.Rate * (options.Warmup + options.Duration).TotalSeconds);
        var warmupCount = (long)Math.Round(options.Rate * options.Warmup.TotalSeconds);
        Console.WriteLine($"Open model: {options.Rate:0.#} msg/s for {options.Warmup.TotalSeconds:0.#}s warm-up + {options.Duration.TotalSeconds:0.#}s measured = {total:N0} sends");

        var scheduler = new Thread(() => Schedule(total, warmupCount, stats)) { IsBackground = true, Name = "open-model-scheduler" };
        var started = Stopwatch.GetTimestamp();
        scheduler.Start();
        await Task.Run(scheduler.Join);
        var scheduleSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        var drainDeadline = Stopwatch.GetTimestamp() + (long)((options.Timeout + TimeSpan.FromSeconds(5)).TotalSeconds * Stopwatch.Frequency);
        while (Interlocked.Read(ref _inFlight) > 0 && Stopwatch.GetTimestamp() < drainDeadline)
        {
            await Task.Delay(20);
        }

        var stillInFlight = Interlocked.Read(ref _inFlight);
        var observedAfter = await ServerMetrics.ActiveConnectionsAsync(options.Url, CancellationToken.None);
        Console.WriteLine($"  schedule took {scheduleSeconds:0.00}s (intended {(options.Warmup + options.Duration).TotalSeconds:0.00}s); " +
            $"scheduler lag p50 {_schedulerLag.GetValueAtPercentile(50) / 1000.0:0.###} ms, p99 {_schedulerLag.GetValueAtPercentile(99) / 1000.0:0.###} ms, max {_schedulerLag.GetMaxValue() / 1000.0:0.###} ms");
        Console.WriteLine($"  kestrel active connections after the run: {Show(observedAfter)}; client connections opened in total: {client.ConnectionsOpened:N0}");
        if (stillInFlight > 0)
        {
            Console.WriteLine($"  WARNING: {stillInFlight:N0} requests still had no answer when the generator stopped waiting");
        }

        return RunResult.From(LoadMode.Open, options, stats, wholeRun, options.Rate, options.Connections, observed, observedAfter,
            client.ConnectionsOpened, _schedulerLag, stillInFlight,
            answerSpanSeconds: stats.LastAnswerTimestamp == 0 ? 0 : (stats.LastAnswerTimestamp - _firstMeasuredDue) / (double)Stopwatch.Frequency);
    }

    /// <summary>
    /// Fires N concurrent GET /health/live so the pool opens N connections, then asks Kestrel how many it holds.
    /// A probe may be served by a connection another probe freed, and the pool may then drop the connect it
    /// started, so this goes round again (at most a few times) until the client really holds N connections.
    /// </summary>
    private async Task<long?> OpenConnectionsAsync()
    {
        const int maxRounds = 5;
        var n = options.Connections;

        // The host's meter adapter starts listening at its first scrape, and Kestrel counts only connections
        // opened while someone listens: scrape once first so the gauge sees every connection opened below.
        var before = await ServerMetrics.ActiveConnectionsAsync(options.Url, CancellationToken.None);
        Console.WriteLine($"Opening {n:N0} keep-alive connections to {options.Url} (kestrel_active_connections before: {Show(before)}) ...");
        var started = Stopwatch.GetTimestamp();
        var ok = 0;
        var failed = 0;
        string? firstFailure = null;
        var rounds = 0;
        while (_client.ConnectionsOpened < n && rounds < maxRounds && failed == 0)
        {
            rounds++;
            var probes = new Task[n];
            _client.HoldConnects();
            try
            {
                for (var i = 0; i < n; i++)
                {
                    probes[i] = Probe();
                }
            }
            finally
            {
                _client.ReleaseConnects();
            }

            await Task.WhenAll(probes);

            // Probes served by connections other probes freed leave their own connects running: let them land.
            var settleDeadline = Stopwatch.GetTimestamp() + 60 * Stopwatch.Frequency;
            while (_client.ConnectsInProgress > 0 && Stopwatch.GetTimestamp() < settleDeadline)
            {
                await Task.Delay(50);
            }
        }

        await Task.Delay(200);

        var observed = await ServerMetrics.ActiveConnectionsAsync(options.Url, CancellationToken.None);
        Console.WriteLine($"  {ok:N0} probes answered 200, {failed:N0} failed, in {rounds} round(s) and {Stopwatch.GetElapsedTime(started).TotalSeconds:0.00}s; " +
            $"client opened {_client.ConnectionsOpened:N0} connections; kestrel_active_connections = {Show(observed)} (includes the /metrics scrape)");
        if (firstFailure is not null)
        {
            Console.WriteLine($"  first probe failure: {firstFailure}");
        }

        return observed;

        async Task Probe()
        {
            try
            {
                using var response = await _client.Client.GetAsync("health/live", HttpCompletionOption.ResponseHeadersRead);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref ok);
                    return;
                }

                Interlocked.Increment(ref failed);
                Interlocked.CompareExchange(ref firstFailure, $"HTTP {(int)response.StatusCode}", null);
            }
            catch (Exception exception)
            {
                Interlocked.Increment(ref failed);
                Interlocked.CompareExchange(ref firstFailure, exception.GetBaseException().Message, null);
            }
        }
    }

    /// <summary>One thread fires every send at its due time without awaiting it; the thread pool carries the requests.</summary>
    private void Schedule(long total, long warmupCount, RunStats stats)
    {
        PreciseWait.PrepareCurrentThread();
        var ticksPerSend = Stopwatch.Frequency / options.Rate;
        var t0 = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 100;
        _firstMeasuredDue = t0 + (long)(warmupCount * ticksPerSend);
        for (long i = 0; i < total; i++)
        {
            var due = t0 + (long)(i * ticksPerSend);
            PreciseWait.Until(due);
            var measured = i >= warmupCount;
            if (measured)
            {
                _schedulerLag.RecordValue(Math.Min(RunStats.MicrosBetween(due, Stopwatch.GetTimestamp()), HighestLagMicros));
            }

            Interlocked.Increment(ref _inFlight);
            ThreadPool.UnsafeQueueUserWorkItem(new Send(this, i, due, measured ? stats : null), preferLocal: false);
        }
    }

    private async Task SendAsync(long sequence, long due, RunStats? stats)
    {
        stats?.CountSent();
        _wholeRun.CountSent();
        try
        {
            using var request = _client.NewSend(sequence);
            using var response = await _client.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var micros = RunStats.MicrosBetween(due, Stopwatch.GetTimestamp());
            stats?.Completed((int)response.StatusCode, micros);
            _wholeRun.Completed((int)response.StatusCode, micros);
        }
        catch (Exception exception)
        {
            var micros = RunStats.MicrosBetween(due, Stopwatch.GetTimestamp());
            stats?.Failed(exception, micros);
            _wholeRun.Failed(exception, micros);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static string Show(long? value) => value?.ToString("N0") ?? "unknown";

    private sealed class Send(OpenModelRun run, long sequence, long due, RunStats? stats) : IThreadPoolWorkItem
    {
        public void Execute() => _ = run.SendAsync(sequence, due, stats);
    }
}
