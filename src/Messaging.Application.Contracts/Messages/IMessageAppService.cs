namespace Messaging.Messages;

public interface IMessageAppService
{
    /// <summary>
    /// Accepts a message for delivery and answers with its tracking id once it is durable
    /// (unless the host runs with immediate acknowledgement).
    /// </summary>
    Task<MessageAcceptedDto> SendOneWayMessageAsync(SendOneWayMessageDto input, string? idempotencyKey, CancellationToken cancellationToken = default);

    Task<MessageStatusDto> GetStatusAsync(Guid trackingId, CancellationToken cancellationToken = default);
}
