using System.Diagnostics;
using Messaging.Backplane;
using Messaging.EventBus;
using Messaging.ExceptionHandling;
using Messaging.Idempotency;
using Messaging.Tracing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Messaging.Messages.Ingestion;

/// <summary>
/// The single writer of the group commit: it drains the buffer into batches, writes each batch in one
/// transaction and only then settles the callers waiting on it. On shutdown it drains what is buffered.
/// </summary>
public sealed partial class GroupCommitWriter(
    MessageBuffer buffer,
    IMessageBatchStore store,
    IOptionsMonitor<HighThroughputOptions> options,
    MessagingMetrics metrics,
    OutboxSignal outboxSignal,
    IBackplane backplane,
    IHostApplicationLifetime lifetime,
    ILogger<GroupCommitWriter> logger) : BackgroundService
{
    private readonly CancellationTokenSource _abandon = new();
    private readonly ResiliencePipeline _durableRetry = BuildRetry(maxAttempts: 3, maxDelay: TimeSpan.FromSeconds(1));
    private readonly ResiliencePipeline _persistentRetry = BuildRetry(maxAttempts: int.MaxValue, maxDelay: TimeSpan.FromSeconds(5));

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Refuse new sends the moment shutdown starts, while in-flight requests still get their commits.
        lifetime.ApplicationStopping.Register(buffer.Close);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        buffer.Close();
        await using var registration = cancellationToken.Register(_abandon.Cancel);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _abandon.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingMessage>();
        var storable = new List<PendingMessage>();
        // Deliberately not bound to stoppingToken: a stopping host must still drain and commit its buffer.
        while (await CollectBatchAsync(batch))
        {
            storable.Clear();
            foreach (var pending in batch)
            {
                if (store.FindUnstorableValue(pending.Accepted) is { } unstorable)
                {
                    Refuse(pending, unstorable.Reason, unstorable.Description);
                }
                else
                {
                    storable.Add(pending);
                }
            }

            if (storable.Count > 0)
            {
                await CommitAsync(storable);
            }

            batch.Clear();
        }

        LogDrained(logger);
    }

    private async Task<bool> CollectBatchAsync(List<PendingMessage> batch)
    {
        var reader = buffer.Reader;
        if (!await reader.WaitToReadAsync(CancellationToken.None))
        {
            return false;
        }

        var settings = options.CurrentValue.Buffer;
        while (batch.Count < settings.BatchSize)
        {
            if (reader.TryRead(out var pending))
            {
                batch.Add(pending);
                continue;
            }

            var lingerLeft = batch.Count == 0 ? settings.BatchTimeout : settings.BatchTimeout - Stopwatch.GetElapsedTime(batch[0].EnqueuedAtTimestamp);
            if (lingerLeft <= TimeSpan.Zero || buffer.IsClosed || !await WaitForMoreAsync(reader, lingerLeft))
            {
                break;
            }
        }

        return batch.Count > 0;
    }

    private static async Task<bool> WaitForMoreAsync(System.Threading.Channels.ChannelReader<PendingMessage> reader, TimeSpan atMost)
    {
        using var timeout = new CancellationTokenSource(atMost);
        try
        {
            return await reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task CommitAsync(List<PendingMessage> batch)
    {
        using var span = StartCommitSpan(batch);
        var rows = new AcceptedMessage[batch.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = batch[i].Accepted;
        }

        if (await WriteAsync(batch, rows, 0, rows.Length))
        {
            await WakeRelaysAsync();
        }
    }

    /// <summary>
    /// One batch commits many messages of many traces, so it is a trace of its own, linked to each message's accept span;
    /// each accept span links back to it, so a message's trace shows the batch its commit waited for.
    /// </summary>
    private static Activity? StartCommitSpan(List<PendingMessage> batch)
    {
        if (!MessagesTracing.Source.HasListeners())
        {
            return null;
        }

        var accepting = batch.Select(pending => pending.AcceptedIn).OfType<Activity>().Distinct().ToList();
        var span = MessagesTracing.Source.StartActivity(MessagesTracing.CommitBatch, ActivityKind.Internal, parentContext: default,
            tags: [new(TraceAttributes.BatchCount, batch.Count)], links: accepting.Select(activity => new ActivityLink(activity.Context)));
        if (span is not null)
        {
            foreach (var activity in accepting)
            {
                activity.AddLink(new ActivityLink(span.Context));
            }
        }

        return span;
    }

    /// <summary>
    /// Writes rows [start, start + count) in one transaction and settles their callers; returns whether it committed
    /// any. A row the database refuses fails its whole transaction without saying which row it was, so the range is
    /// halved and each half written on its own: the good halves commit, and k bad rows among n cost O(k log n)
    /// transactions instead of one per row. A failure of the storage itself is retried, then refuses the range.
    /// </summary>
    private async Task<bool> WriteAsync(List<PendingMessage> batch, AcceptedMessage[] rows, int start, int count)
    {
        var settings = options.CurrentValue.Buffer;
        var retry = settings.Acknowledgement == AcknowledgementMode.Immediate ? _persistentRetry : _durableRetry;
        var started = Stopwatch.GetTimestamp();
        IReadOnlyList<BatchInsertOutcome> outcomes;
        try
        {
            outcomes = await retry.ExecuteAsync(
                static async (state, token) => await state.store.InsertBatchAsync(state.segment, token),
                (store, segment: new ArraySegment<AcceptedMessage>(rows, start, count)), _abandon.Token);
        }
        catch (BatchRowRefusedException refusal) when (count == 1)
        {
            Refuse(batch[start], refusal.Reason, refusal.Description);
            return false;
        }
        catch (BatchRowRefusedException)
        {
            var half = count / 2;
            var firstCommitted = await WriteAsync(batch, rows, start, half);
            var secondCommitted = await WriteAsync(batch, rows, start + half, count - half);
            return firstCommitted || secondCommitted;
        }
        catch (Exception exception)
        {
            metrics.CommitFailed(count);
            LogBatchFailed(logger, exception, count, settings.Acknowledgement);
            buffer.Release(count);
            var refusal = new ServiceUnavailableException(MessagingErrorCodes.StorageUnavailable,
                "The message store is unavailable; nothing was stored.", settings.RetryAfter, exception);
            for (var i = start; i < start + count; i++)
            {
                batch[i].Reject(refusal);
            }

            return false;
        }

        metrics.BatchWritten(count, Stopwatch.GetElapsedTime(started));
        // Slots are freed before anyone is answered, so a caller holding its 202 never sees its message still buffered.
        buffer.Release(count);
        Settle(batch, start, outcomes);
        return true;
    }

    /// <summary>Refuses one message its database cannot store; the rest of its batch is not held back by it.</summary>
    private void Refuse(PendingMessage pending, UnstorableReason reason, string description)
    {
        metrics.Unstorable(reason);
        LogRefused(logger, pending.Message.Id, pending.Message.TenantId, description);
        buffer.Release(1);
        pending.Reject(new UnprocessableRequestException(MessagingErrorCodes.MessageNotStorable,
            $"This message could not be stored: {description}. Nothing of it was stored."));
    }

    /// <summary>The batch wrote acceptance events: wake this instance's relay and, through the backplane, the workers'.</summary>
    private async Task WakeRelaysAsync()
    {
        outboxSignal.Notify();
        try
        {
            await backplane.PublishAsync(OutboxRelay.WakeChannel, string.Empty);
        }
        catch (Exception exception)
        {
            // Relays poll as a fallback; a lost wake-up costs latency, never events.
            LogWakeFailed(logger, exception);
        }
    }

    private void Settle(List<PendingMessage> batch, int start, IReadOnlyList<BatchInsertOutcome> outcomes)
    {
        var committed = 0;
        for (var i = 0; i < outcomes.Count; i++)
        {
            var pending = batch[start + i];
            var outcome = outcomes[i];
            if (outcome.Inserted)
            {
                committed++;
                pending.Acknowledge(pending.Message.Id, pending.Message.AcceptedAt);
            }
            else if (pending.Message.IsRetryOf(outcome.ExistingRequestHash!))
            {
                pending.Acknowledge(outcome.ExistingId, outcome.ExistingAcceptedAt);
            }
            else
            {
                pending.Reject(IdempotencyKey.Reused(pending.Message.IdempotencyKey));
            }
        }

        metrics.Committed(committed);
    }

    private static ResiliencePipeline BuildRetry(int maxAttempts, TimeSpan maxDelay) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                // A refused row fails the same way again; the writer finds it instead of retrying.
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not (OperationCanceledException or BatchRowRefusedException)),
                MaxRetryAttempts = maxAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(50),
                MaxDelay = maxDelay
            })
            .Build();

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} messages could not be stored (acknowledgement {Mode})")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count, AcknowledgementMode mode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} of tenant {TenantId} was refused, its database cannot store it: {Reason}")]
    private static partial void LogRefused(ILogger logger, Guid messageId, Guid tenantId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not wake the outbox relays; they will poll")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message buffer drained; the group-commit writer stopped")]
    private static partial void LogDrained(ILogger logger);
}
