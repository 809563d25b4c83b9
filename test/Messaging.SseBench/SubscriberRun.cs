using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Messaging.SseBench;

/// <summary>
/// Opens the subscribers, then publishes events one at a time; an event's fan-out latency is from the start of its
/// publish to its arrival at the last subscriber. Prints a summary and one RESULT line of JSON.
/// </summary>
public static class SubscriberRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var eventsUrl = Arguments.Value(args, "--events-url") ?? throw new ArgumentException("--events-url is required");
        var publishUrl = Arguments.Value(args, "--publish-url") ?? throw new ArgumentException("--publish-url is required");
        var apiKey = Arguments.Value(args, "--api-key");
        var subscriberCount = int.Parse(Arguments.Value(args, "--subscribers") ?? "100", System.Globalization.CultureInfo.InvariantCulture);
        var eventCount = int.Parse(Arguments.Value(args, "--events") ?? "100", System.Globalization.CultureInfo.InvariantCulture);

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        var arrivals = new ConcurrentDictionary<long, (int Count, long LastTicks)>();
        using var stop = new CancellationTokenSource();
        var connected = 0;
        var refused = 0;
        var readers = new List<Task>();
        for (var i = 0; i < subscriberCount; i++)
        {
            readers.Add(Task.Run(async () =>
            {
                try
                {
                    using var response = await client.GetAsync(eventsUrl, HttpCompletionOption.ResponseHeadersRead, stop.Token);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref refused);
                        return;
                    }

                    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
                    Interlocked.Increment(ref connected);
                    while (await reader.ReadLineAsync(stop.Token) is { } line)
                    {
                        if (line.StartsWith("id: ", StringComparison.Ordinal) && long.TryParse(line.AsSpan(4), out var id))
                        {
                            var now = Stopwatch.GetTimestamp();
                            arrivals.AddOrUpdate(id, (1, now), (_, seen) => (seen.Count + 1, Math.Max(seen.LastTicks, now)));
                        }
                    }
                }
                catch (Exception failure) when (failure is OperationCanceledException or IOException or HttpRequestException)
                {
                }
            }));
        }

        var deadline = Stopwatch.StartNew();
        while (Volatile.Read(ref connected) + Volatile.Read(ref refused) < subscriberCount && deadline.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(100);
        }

        var latencies = new List<double>();
        var incomplete = 0;
        for (var e = 0; e < eventCount; e++)
        {
            var started = Stopwatch.GetTimestamp();
            using var posted = await client.PostAsJsonAsync(publishUrl, new { content = $"bench {e}" });
            posted.EnsureSuccessStatusCode();
            var id = await SequenceOfAsync(posted) ?? e + 1;
            var waitUntil = Stopwatch.StartNew();
            while ((!arrivals.TryGetValue(id, out var seen) || seen.Count < connected) && waitUntil.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(1);
            }

            if (arrivals.TryGetValue(id, out var final) && final.Count >= connected)
            {
                latencies.Add(Stopwatch.GetElapsedTime(started, final.LastTicks).TotalMilliseconds);
            }
            else
            {
                incomplete++;
            }
        }

        await stop.CancelAsync();
        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        var result = new
        {
            subscribers = subscriberCount,
            connected,
            refused,
            events = eventCount,
            incomplete,
            p50Ms = Math.Round(Percentile(0.50), 2),
            p99Ms = Math.Round(Percentile(0.99), 2),
            maxMs = Math.Round(latencies.Count == 0 ? double.NaN : latencies[^1], 2)
        };
        Console.WriteLine($"{connected}/{subscriberCount} subscribers connected ({refused} refused); {eventCount} events, {incomplete} not seen by all; " +
                          $"fan-out p50 {result.p50Ms} ms, p99 {result.p99Ms} ms");
        Console.WriteLine("RESULT " + JsonSerializer.Serialize(result));
        return 0;
    }

    /// <summary>The channel's answer names the message's sequence, the event id; the baseline answers nothing and counts from 1.</summary>
    private static async Task<long?> SequenceOfAsync(HttpResponseMessage posted)
    {
        var body = await posted.Content.ReadAsStringAsync();
        if (body.Length == 0)
        {
            return null;
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("message", out var message) ? message.GetProperty("sequence").GetInt64() : null;
    }
}

public static class Arguments
{
    public static string? Value(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
