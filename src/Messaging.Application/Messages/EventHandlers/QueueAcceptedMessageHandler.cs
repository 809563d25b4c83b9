using System.Diagnostics;
using Messaging.EventBus;
using Messaging.Messages.Dispatch;
using Messaging.Messages.Events;
using Messaging.Tracing;
using Microsoft.Extensions.Options;

namespace Messaging.Messages.EventHandlers;

/// <summary>Moves each accepted message to Queued for dispatch, exactly once per acceptance event.</summary>
public sealed class QueueAcceptedMessageHandler(
    IMessageRepository messages,
    IUnitOfWork unitOfWork,
    DispatchSignal dispatchSignal,
    IOptionsMonitor<HighThroughputOptions> options,
    TimeProvider clock)
    : IDistributedEventHandler<MessageAcceptedEto>
{
    /// <summary>Said of email until the EmailQueue module takes the Email channel over.</summary>
    public const string EmailAwaitsEmailQueue = "Email is delivered by the EmailQueue module, which is not part of this deployment yet; the message waits here.";

    public async Task HandleEventAsync(MessageAcceptedEto eventData, CancellationToken cancellationToken)
    {
        var message = await messages.FindForUpdateAsync(eventData.MessageId, cancellationToken)
            ?? throw new InvalidOperationException($"Message {eventData.MessageId} of tenant {eventData.TenantId} is not stored.");
        var now = clock.GetUtcNow().UtcDateTime;
        var rank = DispatchOrder.RankFor(message.Priority, now, options.CurrentValue.Dispatch.AgingStep);
        Activity.Current?.SetTag(TraceAttributes.TrackingId, message.Id.ToString());
        // The trace continues from this step: each dispatch of the message becomes a child of it.
        if (message.MarkQueued(now, rank, message.Channel == MessageChannel.Email ? EmailAwaitsEmailQueue : null, TraceContext.Current))
        {
            unitOfWork.OnCommitted(dispatchSignal.Notify);
        }
    }
}
