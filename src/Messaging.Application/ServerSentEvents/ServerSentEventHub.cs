using System.Text;
using System.Text.Json;
using Messaging.Backplane;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.ServerSentEvents;

/// <summary>
/// The one SSE hub of the product. A publish goes through the backplane (Redis pub/sub between instances), so every
/// instance, the publishing one included, receives it once, keeps it in the topic's bounded history and adds it to the
/// buffer of each local subscriber of the topic. Each stream is written by its own loop (<see cref="StreamAsync"/>):
/// the missed events first when the client resumes, then live events and heartbeats, and on shutdown a <c>close</c>
/// event with a jittered <c>retry:</c>.
/// </summary>
public sealed partial class ServerSentEventHub(
    SseConnectionRegistry registry,
    SseHistory history,
    IBackplane backplane,
    IEnumerable<ISseReplaySource> replaySources,
    IOptionsMonitor<ServerSentEventOptions> options,
    SseMetrics metrics,
    TimeProvider clock,
    ILogger<ServerSentEventHub> logger) : IServerSentEventPublisher
{
    /// <summary>The backplane channel every instance listens on.</summary>
    public const string BackplaneChannel = "sse.events";

    private static readonly byte[] Connected = Encoding.UTF8.GetBytes(": connected\n\n");
    private static readonly byte[] HeartbeatComment = Encoding.UTF8.GetBytes(": heartbeat\n\n");

    private readonly Dictionary<string, ISseReplaySource> _replaySources = replaySources.ToDictionary(s => s.Kind, StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private long _lastIssuedId;

    public async Task PublishAsync(SseTopic topic, ServerSentEvent serverSentEvent, CancellationToken cancellationToken = default)
    {
        var envelope = new Envelope(topic.TenantId, topic.Key, serverSentEvent.Id ?? NextId(), serverSentEvent.Type, serverSentEvent.Data,
            clock.GetUtcNow().UtcDateTime);
        await backplane.PublishAsync(BackplaneChannel, JsonSerializer.Serialize(envelope), cancellationToken);
    }

    public int CountSubscribers(SseTopic topic) => registry.CountSubscribers(topic);

    /// <summary>Handles one event from the backplane: history, then every local subscriber's buffer.</summary>
    public Task ReceiveAsync(string payload)
    {
        Envelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<Envelope>(payload);
        }
        catch (JsonException)
        {
            envelope = null;
        }

        if (envelope is null || string.IsNullOrEmpty(envelope.Key) || string.IsNullOrEmpty(envelope.Type))
        {
            LogUnreadableEvent(logger);
            return Task.CompletedTask;
        }

        var topic = new SseTopic(envelope.TenantId, envelope.Key);
        var delivery = new SseDelivery(envelope.Id, envelope.Type, envelope.Data ?? "", envelope.PublishedAt);
        history.Append(topic, delivery);
        foreach (var subscriber in registry.SubscribersOf(topic))
        {
            if (subscriber.TryDeliver(delivery))
            {
                metrics.FanOut(clock.GetUtcNow().UtcDateTime - envelope.PublishedAt);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Admits a new subscriber within the limits, or says which limit refused it (nothing is written then).</summary>
    public SseAdmission Admit(SseClient client)
    {
        var admission = registry.TryAdmit(client);
        if (admission.Refusal is { } refusal)
        {
            metrics.Refused(refusal);
            LogRefused(logger, client.Topic.TenantId, client.Topic.Key, client.ClientAddress, refusal);
        }
        else
        {
            metrics.Opened(client.Topic.Kind);
            LogOpened(logger, admission.Connection!.Id, client.Topic.TenantId, client.Topic.Key, client.ClientAddress);
        }

        return admission;
    }

    /// <summary>
    /// Writes the stream until the client goes, the connection turns stale or the hub shuts down; disposes the
    /// connection at the end. The caller has sent the response headers' values but nothing of the body.
    /// </summary>
    public async Task StreamAsync(SseConnection connection, Stream body, long? lastEventId, CancellationToken requestAborted)
    {
        var settings = options.CurrentValue;
        using var streaming = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, connection.Closing, _stopping.Token);
        var token = streaming.Token;
        try
        {
            await WriteAsync(connection, body, Connected, token);
            var lastSent = lastEventId ?? long.MinValue;
            if (lastEventId is { } resumeAfter)
            {
                lastSent = await ReplayAsync(connection, body, resumeAfter, token);
            }

            while (!token.IsCancellationRequested)
            {
                if (!await WaitForEventAsync(connection, settings.HeartbeatInterval, token))
                {
                    await WriteAsync(connection, body, HeartbeatComment, token);
                    metrics.Heartbeat();
                    continue;
                }

                var frames = new StringBuilder();
                var count = 0;
                while (connection.Reader.TryRead(out var delivery))
                {
                    if (delivery.Id > lastSent)
                    {
                        AppendFrame(frames, delivery.Type, delivery.Data, delivery.Id);
                        lastSent = delivery.Id;
                        count++;
                    }
                }

                if (count > 0)
                {
                    await WriteAsync(connection, body, Encoding.UTF8.GetBytes(frames.ToString()), token);
                    metrics.EventsSent(count);
                }
            }
        }
        catch (Exception ended) when (ended is OperationCanceledException or IOException or ObjectDisposedException or ChannelClosed)
        {
            // The client went, the connection was closed as stale, or the hub is stopping: handled below.
        }
        finally
        {
            if (_stopping.IsCancellationRequested && !requestAborted.IsCancellationRequested && connection.CloseReason is null)
            {
                connection.Close(SseCloseReason.Shutdown);
                await SayGoodbyeAsync(connection, body, settings, requestAborted);
            }

            var reason = connection.CloseReason ?? SseCloseReason.Client;
            metrics.Closed(reason);
            LogClosed(logger, connection.Id, connection.Topic.TenantId, connection.Topic.Key, reason);
            connection.Dispose();
        }
    }

    /// <summary>Refuses new subscribers and tells every open stream to send its <c>close</c> event.</summary>
    public void BeginShutdown()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        var open = registry.BeginShutdown();
        LogShuttingDown(logger, open.Count);
        _stopping.Cancel();
    }

    /// <summary>Waits until every stream ended (each gives its client at most <see cref="ServerSentEventOptions.ShutdownWait"/>).</summary>
    public async Task WaitForStreamsAsync(TimeSpan atMost, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + atMost;
        while (registry.Count > 0 && clock.GetUtcNow() < deadline && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    private async Task<long> ReplayAsync(SseConnection connection, Stream body, long lastEventId, CancellationToken cancellationToken)
    {
        var replay = _replaySources.TryGetValue(connection.Topic.Kind, out var source)
            ? await source.ReplayAsync(connection.Topic, lastEventId, cancellationToken)
            : history.Replay(connection.Topic, lastEventId);
        var frames = new StringBuilder();
        var lastSent = lastEventId;
        if (replay.Gap)
        {
            var firstAvailable = replay.Events.Count > 0 ? replay.Events[0].Id : null;
            AppendFrame(frames, "gap", JsonSerializer.Serialize(new { lastEventId, firstAvailableId = firstAvailable }), null);
        }

        foreach (var missed in replay.Events)
        {
            AppendFrame(frames, missed.Type, missed.Data, missed.Id);
            lastSent = Math.Max(lastSent, missed.Id ?? lastSent);
        }

        if (frames.Length > 0)
        {
            await WriteAsync(connection, body, Encoding.UTF8.GetBytes(frames.ToString()), cancellationToken);
            metrics.EventsSent(replay.Events.Count);
        }

        return lastSent;
    }

    private static async Task<bool> WaitForEventAsync(SseConnection connection, TimeSpan heartbeat, CancellationToken cancellationToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        waiting.CancelAfter(heartbeat);
        try
        {
            if (!await connection.Reader.WaitToReadAsync(waiting.Token))
            {
                throw new ChannelClosed();
            }

            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task SayGoodbyeAsync(SseConnection connection, Stream body, ServerSentEventOptions settings, CancellationToken requestAborted)
    {
        var retry = settings.ReconnectMin + (settings.ReconnectMax - settings.ReconnectMin) * Random.Shared.NextDouble();
        var retryMs = (long)retry.TotalMilliseconds;
        var frame = $"event: close\nretry: {retryMs}\ndata: {{\"reason\":\"shutdown\",\"retryMs\":{retryMs}}}\n\n";
        try
        {
            using var writeTimeout = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
            writeTimeout.CancelAfter(TimeSpan.FromSeconds(1));
            await WriteAsync(connection, body, Encoding.UTF8.GetBytes(frame), writeTimeout.Token);
            await Task.Delay(settings.ShutdownWait, requestAborted);
        }
        catch (Exception gone) when (gone is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The client left (as asked) or could not be written to: either way the stream ends now.
        }
    }

    private async Task WriteAsync(SseConnection connection, Stream body, byte[] bytes, CancellationToken cancellationToken)
    {
        await body.WriteAsync(bytes, cancellationToken);
        await body.FlushAsync(cancellationToken);
        connection.Wrote(clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>One event in the wire format; a line break inside the data starts another <c>data:</c> line, as the format requires.</summary>
    public static void AppendFrame(StringBuilder frames, string type, string data, long? id)
    {
        if (id is { } eventId)
        {
            frames.Append("id: ").Append(eventId).Append('\n');
        }

        frames.Append("event: ").Append(type.ReplaceLineEndings(" ")).Append('\n');
        foreach (var line in data.ReplaceLineEndings("\n").Split('\n'))
        {
            frames.Append("data: ").Append(line).Append('\n');
        }

        frames.Append('\n');
    }

    private long NextId()
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        while (true)
        {
            var last = Interlocked.Read(ref _lastIssuedId);
            var next = Math.Max(last + 1, now);
            if (Interlocked.CompareExchange(ref _lastIssuedId, next, last) == last)
            {
                return next;
            }
        }
    }

    private sealed record Envelope(Guid TenantId, string Key, long Id, string Type, string? Data, DateTime PublishedAt);

    private sealed class ChannelClosed : Exception;

    [LoggerMessage(Level = LogLevel.Debug, Message = "SSE connection {ConnectionId} opened for tenant {TenantId} on {Topic} from {ClientAddress}")]
    private static partial void LogOpened(ILogger logger, Guid connectionId, Guid tenantId, string topic, string clientAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "SSE connection for tenant {TenantId} on {Topic} from {ClientAddress} refused: {Refusal}")]
    private static partial void LogRefused(ILogger logger, Guid tenantId, string topic, string clientAddress, SseRefusal refusal);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SSE connection {ConnectionId} of tenant {TenantId} on {Topic} closed: {Reason}")]
    private static partial void LogClosed(ILogger logger, Guid connectionId, Guid tenantId, string topic, SseCloseReason reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An SSE event from the backplane could not be read; dropped")]
    private static partial void LogUnreadableEvent(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutting down: telling {Count} SSE subscribers to reconnect elsewhere")]
    private static partial void LogShuttingDown(ILogger logger, int count);
}
