using System.Diagnostics.Metrics;
using Messaging.BackgroundJobs;
using Messaging.Backplane;
using Messaging.Threading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.EventBus;

/// <summary>
/// Moves committed outbox rows to the transport in batches. It wakes right after commits (locally, and on other
/// instances through the backplane) and polls only as a fallback; rows are marked sent only after the transport
/// confirmed them. A failed event waits a jittered, growing pause before its next attempt, however long the outage;
/// only an event that can never be delivered is parked.
/// </summary>
public sealed partial class OutboxRelay(
    OutboxSignal signal,
    IBackplane backplane,
    IServiceScopeFactory scopeFactory,
    IEventTransport transport,
    IOptionsMonitor<EventBusOptions> options,
    IMeterFactory meterFactory,
    TimeProvider clock,
    ILogger<OutboxRelay> logger) : RoundWorker(signal, logger)
{
    public const string WakeChannel = "outbox.wake";

    private readonly Counter<long> _relayed = meterFactory.Create("Messaging.EventBus").CreateCounter<long>("relayed", "{event}", "Events relayed, by outcome.");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var wake = await backplane.SubscribeAsync(WakeChannel, _ =>
        {
            signal.Notify();
            return Task.CompletedTask;
        }, stoppingToken);

        await RunRoundsAsync(stoppingToken);
    }

    protected override int FullRound => options.CurrentValue.RelayBatchSize;

    protected override TimeSpan PollInterval => options.CurrentValue.RelayPollInterval;

    protected override Task<int> RunRoundAsync(CancellationToken cancellationToken) => RelayOnceAsync(options.CurrentValue, cancellationToken);

    /// <summary>Relays one claimed batch; returns how many events it claimed.</summary>
    public async Task<int> RelayOnceAsync(EventBusOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IOutboxStore>();
        var batch = await store.ClaimAsync(settings.RelayBatchSize, settings.ClaimTimeout, cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        IReadOnlyList<PublishOutcome> outcomes;
        using var spans = PublishSpans.Start(batch, transport.MessagingSystem);
        try
        {
            outcomes = await transport.PublishAsync(spans.Envelopes, cancellationToken);
            spans.Complete(outcomes);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            spans.Fail(exception);
            // The transport is down as a whole: every event of the batch may still go through once it is back, so
            // none is parked; each waits its own growing pause instead of being claimed again at once.
            _relayed.Add(batch.Count, new KeyValuePair<string, object?>("outcome", "failed"));
            await store.ScheduleRetriesAsync(batch.Select(o => RetryOf(o, exception.Message, settings)).ToList(), CancellationToken.None);
            throw;
        }

        var confirmed = new List<Guid>(batch.Count);
        var retries = new List<RelayRetry>();
        for (var i = 0; i < batch.Count; i++)
        {
            var outcome = outcomes[i];
            if (outcome.Confirmed)
            {
                confirmed.Add(batch[i].Id);
            }
            else if (outcome.Undeliverable)
            {
                _relayed.Add(1, new KeyValuePair<string, object?>("outcome", "parked"));
                LogParked(logger, batch[i].EventName, batch[i].Id, outcome.Error);
                await store.ParkAsync(batch[i].Id, outcome.Error ?? "undeliverable", clock.GetUtcNow().UtcDateTime, cancellationToken);
            }
            else
            {
                _relayed.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
                retries.Add(RetryOf(batch[i], outcome.Error ?? "unknown", settings));
            }
        }

        if (retries.Count > 0)
        {
            await store.ScheduleRetriesAsync(retries, cancellationToken);
        }

        if (confirmed.Count > 0)
        {
            await store.MarkSentAsync(confirmed, clock.GetUtcNow().UtcDateTime, cancellationToken);
            _relayed.Add(confirmed.Count, new KeyValuePair<string, object?>("outcome", "sent"));
        }

        return batch.Count;
    }

    private RelayRetry RetryOf(OutboxMessage message, string error, EventBusOptions settings) =>
        new(message.Id, error, clock.GetUtcNow().UtcDateTime
            + RetryBackoff.After(message.FailedAttempts + 1, settings.RetryBaseDelay, settings.RetryMaxDelay, Random.Shared.NextDouble()));

    [LoggerMessage(Level = LogLevel.Error, Message = "Event {EventName} {EventId} can never be delivered and was parked until the host admin replays it: {Error}")]
    private static partial void LogParked(ILogger logger, string eventName, Guid eventId, string? error);
}
