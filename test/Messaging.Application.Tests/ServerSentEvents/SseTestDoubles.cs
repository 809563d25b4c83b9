using System.Diagnostics.Metrics;
using System.Text;
using Messaging.Infrastructure.Backplane;
using Messaging.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Messaging.ServerSentEvents;

/// <summary>The hub on the in-process backplane, with a clock the test moves.</summary>
public sealed class SseHarness : IDisposable
{
    private readonly ServiceProvider _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public SseHarness(ServerSentEventOptions? options = null, IEnumerable<ISseReplaySource>? replaySources = null)
    {
        Options = options ?? new ServerSentEventOptions();
        var monitor = new StaticOptionsMonitor<ServerSentEventOptions>(Options);
        Registry = new SseConnectionRegistry(monitor, Clock);
        History = new SseHistory(monitor, Clock);
        Metrics = new SseMetrics(_meters.GetRequiredService<IMeterFactory>(), Registry);
        Hub = new ServerSentEventHub(Registry, History, Backplane, replaySources ?? [], monitor, Metrics, Clock, NullLogger<ServerSentEventHub>.Instance);
        Subscription = Backplane.SubscribeAsync(ServerSentEventHub.BackplaneChannel, Hub.ReceiveAsync).GetAwaiter().GetResult();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));

    public ServerSentEventOptions Options { get; }

    public LocalBackplane Backplane { get; } = new();

    public SseConnectionRegistry Registry { get; }

    public SseHistory History { get; }

    public SseMetrics Metrics { get; }

    public ServerSentEventHub Hub { get; }

    public IAsyncDisposable Subscription { get; }

    public static SseClient Client(Guid tenantId, string key = "channel:a", string address = "10.0.0.1") => new(new SseTopic(tenantId, key), address, "tests");

    public SseConnection Admit(SseClient client) =>
        Hub.Admit(client).Connection ?? throw new InvalidOperationException("The connection was refused.");

    public void Dispose() => _meters.Dispose();
}

/// <summary>A response body that keeps what was written, and can stop taking writes, as a client that stopped reading.</summary>
public sealed class RecordingStream : Stream
{
    private readonly StringBuilder _written = new();
    private volatile bool _blocked;

    public string Text
    {
        get
        {
            lock (_written)
            {
                return _written.ToString();
            }
        }
    }

    public void Block() => _blocked = true;

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_blocked)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        lock (_written)
        {
            _written.Append(Encoding.UTF8.GetString(buffer.Span));
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
}

/// <summary>Collects what one instrument of the hub's meter measured, by tag value.</summary>
public sealed class InstrumentRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(long Value, Dictionary<string, object?> Tags)> _measurements = [];

    public InstrumentRecorder(string meterName, string instrumentName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName && instrument.Name == instrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Add(value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, _) => Add(value, tags));
        _listener.Start();
    }

    public long Sum(string tag, string value)
    {
        lock (_measurements)
        {
            return _measurements.Where(m => Equals(m.Tags.GetValueOrDefault(tag), value)).Sum(m => m.Value);
        }
    }

    public long Total()
    {
        lock (_measurements)
        {
            return _measurements.Sum(m => m.Value);
        }
    }

    public void Observe() => _listener.RecordObservableInstruments();

    public void Clear()
    {
        lock (_measurements)
        {
            _measurements.Clear();
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Add(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        lock (_measurements)
        {
            _measurements.Add((value, copy));
        }
    }
}
