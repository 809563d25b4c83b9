using System.Diagnostics.Metrics;
using Messaging.Backplane;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.EventBus;

/// <summary>
/// Moves committed outbox rows to the transport in batches. It wakes right after commits (locally, and on other
/// instances through the backplane) and polls only as a fallback; rows are marked sent only after the transport
/// confirmed them, and an event that keeps failing is parked after a bounded number of attempts.
/// </summary>
public sealed partial class OutboxRelay(
    OutboxSignal signal,
    IBackplane backplane,
    IServiceScopeFactory scopeFactory,
    IEventTransport transport,
    IOptionsMonitor<EventBusOptions> options,
    IMeterFactory meterFactory,
    TimeProvider clock,
    ILogger<OutboxRelay> logger) : BackgroundService
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

        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = options.CurrentValue;
            int claimed;
            try
            {
                claimed = await RelayOnceAsync(settings, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                LogRelayFailed(logger, exception);
                claimed = 0;
            }

            if (claimed < settings.RelayBatchSize)
            {
                try
                {
                    await signal.WaitAsync(settings.RelayPollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

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
        try
        {
            outcomes = await transport.PublishAsync(batch, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The transport is down as a whole: not the events' fault, so no attempt is counted; hand them back.
            await store.ReleaseAsync(batch.Select(o => o.Id).ToList(), CancellationToken.None);
            throw;
        }

        var confirmed = new List<Guid>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i].Confirmed)
            {
                confirmed.Add(batch[i].Id);
                continue;
            }

            _relayed.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
            await store.RecordFailureAsync(batch[i].Id, outcomes[i].Error ?? "unknown", settings.MaxRelayAttempts,
                clock.GetUtcNow().UtcDateTime, cancellationToken);
        }

        if (confirmed.Count > 0)
        {
            await store.MarkSentAsync(confirmed, clock.GetUtcNow().UtcDateTime, cancellationToken);
            _relayed.Add(confirmed.Count, new KeyValuePair<string, object?>("outcome", "sent"));
        }

        return batch.Count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox relay failed a round; it retries at the next wake-up")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception);
}
