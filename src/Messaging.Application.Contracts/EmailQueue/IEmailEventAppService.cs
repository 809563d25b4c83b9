namespace Messaging.EmailQueue;

/// <summary>Email events over the API: publish one of the seven types, read its status with every attempt, see the queue.</summary>
public interface IEmailEventAppService
{
    Task<EmailEventAcceptedDto> PublishAsync(PublishEmailEventDto input, string? idempotencyKey, CancellationToken cancellationToken = default);

    Task<EmailEventDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    Task<EmailQueueStatusDto> GetQueueStatusAsync(CancellationToken cancellationToken = default);
}
