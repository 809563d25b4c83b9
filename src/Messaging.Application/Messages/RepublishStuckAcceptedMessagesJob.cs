using Messaging.BackgroundJobs;
using Messaging.DistributedLocking;
using Messaging.EventBus;
using Messaging.Messages.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Messages;

public sealed record RepublishStuckAcceptedMessagesArgs(Guid? TenantId = null) : IJobArgs;

/// <summary>
/// The safety net under the outbox: a message acknowledged with 202 must reach Queued, so one still Accepted past
/// <see cref="AcceptedSweepOptions.StuckAfter"/> (its event parked before a fix, lost by a broker, dead-lettered by a
/// consumer) gets its acceptance event again. The republished event has an id derived from the message, so repeated
/// sweeps requeue that one event instead of adding more, and queueing an already queued message changes nothing.
/// </summary>
public sealed partial class RepublishStuckAcceptedMessagesJob(
    IMessageRepository messages,
    IOutboxStore outbox,
    OutboxMessageFactory events,
    OutboxSignal outboxSignal,
    IDistributedLock distributedLock,
    IOptionsMonitor<AcceptedSweepOptions> options,
    MessagingMetrics metrics,
    TimeProvider clock,
    ILogger<RepublishStuckAcceptedMessagesJob> logger) : IBackgroundJob<RepublishStuckAcceptedMessagesArgs>
{
    public const string RecurringJobId = "messages.republish-stuck-accepted";

    public async Task ExecuteAsync(RepublishStuckAcceptedMessagesArgs args, CancellationToken cancellationToken)
    {
        await using var held = await distributedLock.TryAcquireAsync(RecurringJobId, TimeSpan.FromMinutes(5), cancellationToken);
        if (held is null)
        {
            return;
        }

        var settings = options.CurrentValue;
        var cutoff = clock.GetUtcNow().UtcDateTime - settings.StuckAfter;
        var republished = 0;
        // Republishing does not change a message, so the pages stay put; one that gets queued meanwhile shifts them
        // and may let another wait for the next sweep, which is harmless.
        for (var skip = 0; ; skip += settings.BatchSize)
        {
            var page = await messages.GetAcceptedBeforeAsync(cutoff, skip, settings.BatchSize, cancellationToken);
            foreach (var message in page)
            {
                if (await outbox.RequeueAsync(events.Create(RepublishedAcceptance(message)), cancellationToken))
                {
                    republished++;
                    LogRepublished(logger, message.Id, message.TenantId, message.AcceptedAt);
                }
            }

            if (page.Count < settings.BatchSize)
            {
                break;
            }
        }

        if (republished > 0)
        {
            metrics.StuckAcceptedRepublished(republished);
            outboxSignal.Notify();
        }
    }

    private static MessageAcceptedEto RepublishedAcceptance(Message message) =>
        new(message.Id, message.Channel, message.Priority, message.AcceptedAt)
        {
            EventId = RepublishedEventId(message.Id),
            TenantId = message.TenantId,
            OccurredAt = message.AcceptedAt
        };

    /// <summary>The same id for every republication of one message.</summary>
    public static Guid RepublishedEventId(Guid messageId) => NameBasedGuid.From($"messages.message-accepted/republished/{messageId:N}");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} of tenant {TenantId}, accepted at {AcceptedAt:o}, was still Accepted: its acceptance event was published again")]
    private static partial void LogRepublished(ILogger logger, Guid messageId, Guid tenantId, DateTime acceptedAt);
}
