using System.Diagnostics;
using System.Text.Json;
using Messaging.EventBus;
using Messaging.Messages.Dispatch;
using Messaging.Messages.Events;
using Messaging.Tracing;
using Microsoft.Extensions.Options;

namespace Messaging.Messages.EventHandlers;

/// <summary>
/// Moves each accepted message to Queued for dispatch, exactly once per acceptance event. A message of the Email channel
/// goes on to the email queue in the same transaction (<see cref="EmailMessageQueuedEto"/>), which delivers it and
/// answers with its end (<see cref="RecordEmailOutcomeHandler"/>).
/// </summary>
public sealed class QueueAcceptedMessageHandler(
    IMessageRepository messages,
    IUnitOfWork unitOfWork,
    IDistributedEventBus eventBus,
    DispatchSignal dispatchSignal,
    IOptionsMonitor<HighThroughputOptions> options,
    TimeProvider clock)
    : IDistributedEventHandler<MessageAcceptedEto>
{
    public const string EmailQueue = "the email queue";

    /// <summary>The metadata key whose value an Email message is sent with as its subject.</summary>
    public const string SubjectMetadataKey = "subject";

    /// <summary>RFC 5322's recommended line length: a subject taken from the content's first line is cut there.</summary>
    public const int DerivedSubjectLength = 78;

    public async Task HandleEventAsync(MessageAcceptedEto eventData, CancellationToken cancellationToken)
    {
        var message = await messages.FindForUpdateAsync(eventData.MessageId, cancellationToken)
            ?? throw new InvalidOperationException($"Message {eventData.MessageId} of tenant {eventData.TenantId} is not stored.");
        var now = clock.GetUtcNow().UtcDateTime;
        var rank = DispatchOrder.RankFor(message.Priority, now, options.CurrentValue.Dispatch.AgingStep);
        Activity.Current?.SetTag(TraceAttributes.TrackingId, message.Id.ToString());
        // The trace continues from this step: each dispatch of the message becomes a child of it.
        if (!message.MarkQueued(now, rank, traceParent: TraceContext.Current))
        {
            return;
        }

        if (message.Channel != MessageChannel.Email)
        {
            unitOfWork.OnCommitted(dispatchSignal.Notify);
            return;
        }

        // A millisecond after Queued, so the history lists the two steps in their order at every database's time precision.
        message.MarkHandedOver(now.AddMilliseconds(1), EmailQueue);
        await eventBus.PublishAsync(new EmailMessageQueuedEto(message.Id, message.Recipient, SubjectOf(message), message.Content)
        {
            TenantId = message.TenantId,
            OccurredAt = now
        }, cancellationToken);
    }

    /// <summary>The <c>subject</c> metadata when the sender gave one, else the content's first line.</summary>
    public static string SubjectOf(Message message)
    {
        if (message.MetadataJson is not null
            && JsonSerializer.Deserialize<Dictionary<string, string>>(message.MetadataJson) is { } metadata
            && metadata.TryGetValue(SubjectMetadataKey, out var subject)
            && !string.IsNullOrWhiteSpace(subject))
        {
            return subject.Trim();
        }

        var firstLine = message.Content.AsSpan().Trim();
        var end = firstLine.IndexOfAny('\r', '\n');
        var line = (end < 0 ? firstLine : firstLine[..end]).TrimEnd();
        return line.Length <= DerivedSubjectLength ? line.ToString() : string.Concat(line[..(DerivedSubjectLength - 1)], "…");
    }
}
