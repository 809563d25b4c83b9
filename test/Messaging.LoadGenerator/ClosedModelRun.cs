using System.Diagnostics;

namespace Messaging.LoadGenerator;

/// <summary>
/// The closed model: C workers, each sending its next message as soon as the previous one was answered.
/// It finds the peak throughput; its latencies are service times, not what an open stream of callers would see.
/// A request counts when it is answered inside the measured window.
/// </summary>
public sealed class ClosedModelRun(LoadOptions options)
{
    public async Task<RunResult> RunAsync()
    {
        using var client = new SendClient(options, options.Concurrency);
        var stats = new RunStats();
        var wholeRun = new RunStats();
        var workers = options.Concurrency;
        Console.WriteLine($"Closed model: {workers:N0} workers for {options.Warmup.TotalSeconds:0.#}s warm-up + {options.Duration.TotalSeconds:0.#}s measured");

        var measureStart = Stopwatch.GetTimestamp() + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
        var measureEnd = measureStart + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
        var tasks = new Task[workers];
        for (var w = 0; w < workers; w++)
        {
            var first = w;
            tasks[w] = Task.Run(() => WorkerAsync(client, options.Batch, stats, wholeRun, first, workers, measureStart, measureEnd));
        }

        var allDone = Task.WhenAll(tasks);
        var waitLimit = options.Warmup + options.Duration + options.Timeout + TimeSpan.FromSeconds(5);
        if (await Task.WhenAny(allDone, Task.Delay(waitLimit)) != allDone)
        {
            Console.WriteLine("  WARNING: some workers were still waiting for an answer when the generator stopped waiting");
        }

        return RunResult.From(LoadMode.Closed, options, stats, wholeRun, offeredRate: null, options.Concurrency,
            connectionsObserved: null, connectionsObservedAfter: null, client.ConnectionsOpened, schedulerLag: null, stillInFlight: 0,
            answerSpanSeconds: options.Duration.TotalSeconds);
    }

    private static async Task WorkerAsync(SendClient client, int batch, RunStats stats, RunStats wholeRun, long sequence, int stride,
        long measureStart, long measureEnd)
    {
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            if (started >= measureEnd)
            {
                return;
            }

            int? status = null;
            var messages = 0;
            Exception? failure = null;
            try
            {
                using var request = client.NewSend(sequence);
                using var response = await client.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                status = (int)response.StatusCode;
                messages = batch == 1 ? 1 : await AcceptedMessagesAsync(response);
            }
            catch (Exception exception)
            {
                failure = exception;
            }

            var ended = Stopwatch.GetTimestamp();
            var micros = RunStats.MicrosBetween(started, ended);
            Count(wholeRun, status, messages, failure, micros);
            if (ended >= measureStart && ended < measureEnd)
            {
                Count(stats, status, messages, failure, micros);
            }

            sequence += stride;
            if (failure is not null)
            {
                // A server that refuses connections would otherwise turn this loop into a busy spin.
                await Task.Delay(10);
            }
        }
    }

    /// <summary>How many messages of a send-many answer were accepted: the answer's own count, read once it is complete.</summary>
    private static async Task<int> AcceptedMessagesAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != System.Net.HttpStatusCode.OK)
        {
            return 0;
        }

        await using var body = await response.Content.ReadAsStreamAsync();
        using var answer = await System.Text.Json.JsonDocument.ParseAsync(body);
        return answer.RootElement.GetProperty("accepted").GetInt32();
    }

    private static void Count(RunStats stats, int? status, int messages, Exception? failure, long micros)
    {
        stats.CountSent();
        if (status is { } code)
        {
            stats.Completed(code, micros, messages);
        }
        else
        {
            stats.Failed(failure!, micros);
        }
    }
}
