using System.Threading.Channels;

namespace Messaging.ServerSentEvents;

/// <summary>Who asked for a stream: the tenant, the topic, and the client as the request showed it.</summary>
public sealed record SseClient(SseTopic Topic, string ClientAddress, string? UserAgent);

public enum SseCloseReason
{
    Client,
    Stale,
    BufferFull,
    Shutdown
}

/// <summary>An event on its way to subscribers, with when it was published (for the fan-out latency).</summary>
public sealed record SseDelivery(long Id, string Type, string Data, DateTime PublishedAt);

/// <summary>
/// One subscriber's stream: its metadata, and a bounded buffer between the publishers and the one loop that writes to
/// the client. Publishing only ever tries to add to the buffer, so a client that does not read never slows anyone;
/// when its buffer is full the connection is closed instead.
/// </summary>
public sealed class SseConnection : IDisposable
{
    private readonly Channel<SseDelivery> _buffer;
    private readonly CancellationTokenSource _closing = new();
    private readonly Action<SseConnection> _release;
    private long _lastWriteTicks;
    private int _closeReason = -1;
    private int _released;

    internal SseConnection(SseClient client, DateTime connectedAt, int bufferCapacity, Action<SseConnection> release)
    {
        Client = client;
        ConnectedAt = connectedAt;
        _lastWriteTicks = connectedAt.Ticks;
        _release = release;
        _buffer = System.Threading.Channels.Channel.CreateBounded<SseDelivery>(new BoundedChannelOptions(bufferCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait
        });
    }

    public Guid Id { get; } = Guid.NewGuid();

    public SseClient Client { get; }

    public SseTopic Topic => Client.Topic;

    public DateTime ConnectedAt { get; }

    /// <summary>When the last write to the client completed (the connection's start until then).</summary>
    public DateTime LastWriteAt => new(Interlocked.Read(ref _lastWriteTicks), DateTimeKind.Utc);

    public int Buffered => _buffer.Reader.Count;

    /// <summary>Cancelled when the hub closes the connection (stale, full buffer).</summary>
    public CancellationToken Closing => _closing.Token;

    public SseCloseReason? CloseReason => Volatile.Read(ref _closeReason) is var reason and >= 0 ? (SseCloseReason)reason : null;

    /// <summary>Set by the transport: tears the client's connection down when a write cannot end by itself.</summary>
    public Action? Abort { get; set; }

    /// <summary>What waits to be written, read only by the loop that writes the stream.</summary>
    public ChannelReader<SseDelivery> Reader => _buffer.Reader;

    /// <summary>Adds the event to the buffer; a full buffer closes the connection.</summary>
    public bool TryDeliver(SseDelivery delivery)
    {
        if (_buffer.Writer.TryWrite(delivery))
        {
            return true;
        }

        Close(SseCloseReason.BufferFull);
        return false;
    }

    /// <summary>Records that a write to the client completed.</summary>
    public void Wrote(DateTime at) => Interlocked.Exchange(ref _lastWriteTicks, at.Ticks);

    /// <summary>Closes the stream for the reason given; the first reason stands.</summary>
    public void Close(SseCloseReason reason)
    {
        if (Interlocked.CompareExchange(ref _closeReason, (int)reason, -1) != -1)
        {
            return;
        }

        _buffer.Writer.TryComplete();
        _closing.Cancel();
        if (reason is SseCloseReason.Stale or SseCloseReason.BufferFull)
        {
            Abort?.Invoke();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _buffer.Writer.TryComplete();
            // The token source is not disposed: a stale sweep may still close this connection, and it holds no timer.
            _release(this);
        }
    }
}
