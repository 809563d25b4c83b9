using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Messaging.Messages.Ingestion;

/// <summary>
/// The bounded buffer between request threads and the group-commit writer. Depth counts messages admitted
/// and not yet settled (committed or failed), so a batch being written still occupies its slots.
/// </summary>
public sealed class MessageBuffer(IOptionsMonitor<HighThroughputOptions> options)
{
    private readonly Channel<PendingMessage> _channel = System.Threading.Channels.Channel.CreateUnbounded<PendingMessage>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly Lock _batchGate = new();
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

    /// <summary>
    /// Admits all of <paramref name="batch"/> or none of it: the batch needs as many free slots as it has messages, under
    /// the backpressure threshold unless every message is High or Critical.
    /// </summary>
    public BufferAdmission TryEnqueueAll(IReadOnlyList<PendingMessage> batch)
    {
        // Under the gate Close takes, so a batch is never cut in two by shutdown.
        lock (_batchGate)
        {
            if (_closed)
            {
                return BufferAdmission.Closed;
            }

            var settings = options.CurrentValue.Buffer;
            var lowest = batch.Min(pending => pending.Message.Priority);
            var admission = TryReserveSlots(lowest, batch.Count, settings);
            if (admission != BufferAdmission.Admitted)
            {
                return admission;
            }

            foreach (var pending in batch)
            {
                _channel.Writer.TryWrite(pending);
            }

            return BufferAdmission.Admitted;
        }
    }

    /// <summary>Frees the slots of messages whose fate is settled.</summary>
    public void Release(int count) => Interlocked.Add(ref _depth, -count);

    /// <summary>Stops admitting; what is already buffered is still handed to the writer.</summary>
    public void Close()
    {
        lock (_batchGate)
        {
            _closed = true;
            _channel.Writer.TryComplete();
        }
    }

    private BufferAdmission TryReserveSlot(MessagePriority priority, MessageBufferOptions settings) =>
        TryReserveSlots(priority, 1, settings);

    private BufferAdmission TryReserveSlots(MessagePriority priority, int count, MessageBufferOptions settings)
    {
        var limit = priority >= MessagePriority.High ? settings.Capacity : settings.BackpressureThreshold;
        while (true)
        {
            var depth = Volatile.Read(ref _depth);
            if (depth + count > settings.Capacity)
            {
                return BufferAdmission.Full;
            }

            if (depth + count > limit)
            {
                return BufferAdmission.Backpressure;
            }

            if (Interlocked.CompareExchange(ref _depth, depth + count, depth) == depth)
            {
                return BufferAdmission.Admitted;
            }
        }
    }
}
