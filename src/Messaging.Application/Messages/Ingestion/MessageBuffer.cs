using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Messaging.Messages.Ingestion;

/// <summary>
/// The bounded buffer between request threads and the group-commit writer. Depth counts messages admitted
/// and not yet settled (committed or failed), so a batch being written still occupies its slots.
/// </summary>
public sealed class MessageBuffer(IOptionsMonitor<HighThroughputOptions> options)
{
    private readonly Channel<PendingMessage> _channel = Channel.CreateUnbounded<PendingMessage>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private int _depth;
    private volatile bool _closed;

    public int Depth => Volatile.Read(ref _depth);

    public bool IsClosed => _closed;

    public ChannelReader<PendingMessage> Reader => _channel.Reader;

    public BufferAdmission TryEnqueue(PendingMessage pending)
    {
        if (_closed)
        {
            return BufferAdmission.Closed;
        }

        var settings = options.CurrentValue.Buffer;
        var admission = TryReserveSlot(pending.Message.Priority, settings);
        if (admission != BufferAdmission.Admitted)
        {
            return admission;
        }

        if (!_channel.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref _depth);
            return BufferAdmission.Closed;
        }

        return BufferAdmission.Admitted;
    }

    /// <summary>Frees the slots of messages whose fate is settled.</summary>
    public void Release(int count) => Interlocked.Add(ref _depth, -count);

    /// <summary>Stops admitting; what is already buffered is still handed to the writer.</summary>
    public void Close()
    {
        _closed = true;
        _channel.Writer.TryComplete();
    }

    private BufferAdmission TryReserveSlot(MessagePriority priority, MessageBufferOptions settings)
    {
        var limit = priority >= MessagePriority.High ? settings.Capacity : settings.BackpressureThreshold;
        while (true)
        {
            var depth = Volatile.Read(ref _depth);
            if (depth >= settings.Capacity)
            {
                return BufferAdmission.Full;
            }

            if (depth >= limit)
            {
                return BufferAdmission.Backpressure;
            }

            if (Interlocked.CompareExchange(ref _depth, depth + 1, depth) == depth)
            {
                return BufferAdmission.Admitted;
            }
        }
    }
}
