namespace Messaging.Messages;

/// <summary>The current tenant's status callback: where status changes of its messages are posted, signed.</summary>
public interface IMessageCallbackAppService
{
    Task<MessageCallbackDto> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates or changes the callback. A new callback without a chosen secret gets a generated one, returned in this
    /// answer only; changing the address keeps the secret unless a new one is given.
    /// </summary>
    Task<MessageCallbackDto> SetAsync(SetMessageCallbackDto input, CancellationToken cancellationToken = default);

    /// <summary>Replaces the secret with a generated one, returned in this answer only.</summary>
    Task<MessageCallbackDto> RotateSecretAsync(CancellationToken cancellationToken = default);

    Task DeleteAsync(CancellationToken cancellationToken = default);
}
