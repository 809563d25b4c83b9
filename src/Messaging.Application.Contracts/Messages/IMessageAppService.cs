namespace Messaging.Messages;

public interface IMessageAppService
{
    /// <summary>
    /// Accepts a message for delivery and answers with its tracking id once it is durable
    /// (unless the host runs with immediate acknowledgement).
    /// </summary>
    Task<MessageAcceptedDto> SendOneWayMessageAsync(SendOneWayMessageDto input, string? idempotencyKey, CancellationToken cancellationToken = default);

    Task<MessageStatusDto> GetStatusAsync(Guid trackingId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Accepts up to <see cref="MessageConsts.MaxSendManyItems"/> messages at once and answers, in request order, each one's
    /// tracking id (once durable) or its problem. The idempotency key covers the whole request.
    /// </summary>
    Task<SendManyMessagesResultDto> SendManyAsync(SendManyMessagesDto input, string? idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cancels a message no provider has heard of yet (Accepted or Queued); cancelling a cancelled message answers the same.
    /// A message in Sending or later is refused with its status.
    /// </summary>
    Task<MessageStatusDto> CancelAsync(Guid trackingId, CancellationToken cancellationToken = default);
}
