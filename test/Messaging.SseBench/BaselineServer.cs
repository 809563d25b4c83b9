using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Messaging.SseBench;

/// <summary>
/// What SSE costs without the platform: Kestrel, one endpoint streaming to every subscriber the frames the hub writes
/// (id, event, JSON data) with heartbeats, and one endpoint publishing. No limits, history, backplane or database.
/// </summary>
public static class BaselineServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        var port = int.Parse(Arguments.Value(args, "--port") ?? "5099", System.Globalization.CultureInfo.InvariantCulture);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var subscribers = new ConcurrentDictionary<Guid, Channel<byte[]>>();
        long sequence = 0;

        app.MapGet("/events", async context =>
        {
            context.Response.ContentType = "text/event-stream";
            var id = Guid.NewGuid();
            var frames = Channel.CreateBounded<byte[]>(512);
            subscribers[id] = frames;
            try
            {
                await context.Response.Body.WriteAsync(": connected\n\n"u8.ToArray(), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                while (!context.RequestAborted.IsCancellationRequested)
                {
                    using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
                    heartbeat.CancelAfter(TimeSpan.FromSeconds(15));
                    byte[] frame;
                    try
                    {
                        frame = await frames.Reader.ReadAsync(heartbeat.Token);
                    }
                    catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
                    {
                        frame = ": heartbeat\n\n"u8.ToArray();
                    }

                    await context.Response.Body.WriteAsync(frame, context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                }
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                subscribers.TryRemove(id, out _);
            }
        });

        app.MapPost("/publish", async context =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
            var next = Interlocked.Increment(ref sequence);
            var data = JsonSerializer.Serialize(new { sequence = next, content = body.GetProperty("content").GetString(), postedAt = DateTime.UtcNow });
            var frame = Encoding.UTF8.GetBytes($"id: {next}\nevent: message\ndata: {data}\n\n");
            foreach (var subscriber in subscribers.Values)
            {
                subscriber.Writer.TryWrite(frame);
            }

            context.Response.StatusCode = StatusCodes.Status201Created;
        });

        Console.WriteLine($"baseline SSE server on http://127.0.0.1:{port}");
        await app.RunAsync();
        return 0;
    }
}
