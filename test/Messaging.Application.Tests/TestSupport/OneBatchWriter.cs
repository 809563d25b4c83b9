using Messaging.EventBus;
using Messaging.Infrastructure.Backplane;
using Messaging.Messages;
using Messaging.Messages.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;

namespace Messaging.TestSupport;

/// <summary>
/// The real group-commit writer over a given store, fed exactly one batch: every row is buffered before the writer
/// starts, so the batch it takes is the whole list, whatever the machine's speed.
/// </summary>
public static class OneBatchWriter
{
    public static async Task<IReadOnlyList<Task<MessageAcceptedDto>>> WriteAsync(IMessageBatchStore store, IReadOnlyList<AcceptedMessage> rows)
    {
        var options = new StaticOptionsMonitor<HighThroughputOptions>(new HighThroughputOptions
        {
            Buffer = { Capacity = rows.Count + 1, BackpressureThreshold = rows.Count + 1, BatchSize = Math.Max(rows.Count, 1) }
        });
        var buffer = new MessageBuffer(options);
        var pending = rows.Select(row => new PendingMessage(row.Message, row.AcceptedEvent)).ToList();
        foreach (var message in pending)
        {
            buffer.TryEnqueue(message).ShouldBe(BufferAdmission.Admitted);
        }

        buffer.Close();
        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var writer = new GroupCommitWriter(buffer, store, options, new MessagingMetrics(services.GetRequiredService<IMeterFactory>(), buffer),
            new OutboxSignal(), new LocalBackplane(), new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance),
            NullLogger<GroupCommitWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        await writer.ExecuteTask!;
        buffer.Depth.ShouldBe(0);
        return pending.Select(message => message.Acknowledgement).ToList();
    }
}

/// <summary>A store that passes every call through and records the size of each batch it was handed.</summary>
public sealed class RecordingBatchStore(IMessageBatchStore inner, bool checksUpFront = true) : IMessageBatchStore
{
    private readonly List<int> _batchSizes = [];

    /// <summary>Rows per call of <see cref="InsertBatchAsync"/>, in call order.</summary>
    public IReadOnlyList<int> BatchSizes => _batchSizes;

    public Task<IReadOnlyList<BatchInsertOutcome>> InsertBatchAsync(IReadOnlyList<AcceptedMessage> messages, CancellationToken cancellationToken)
    {
        _batchSizes.Add(messages.Count);
        return inner.InsertBatchAsync(messages, cancellationToken);
    }

    /// <summary>Without the check up front, a value the database refuses reaches it, as one nobody foresaw would.</summary>
    public UnstorableValue? FindUnstorableValue(AcceptedMessage message) => checksUpFront ? inner.FindUnstorableValue(message) : null;
}
