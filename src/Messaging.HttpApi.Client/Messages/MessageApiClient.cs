using Microsoft.Extensions.Options;

namespace Messaging.Messages;

/// <summary>
/// Typed client for the message API. Retries are safe: every send carries an idempotency key (the caller's,
/// or one made here), so a retried send after a lost answer stores one message and returns the same tracking id.
/// </summary>
public sealed class MessageApiClient(HttpClient http, IOptions<MessagingClientOptions> options) : IMessageAppService
{
    private readonly RemoteService _remote = new(http, options);

    public Task<MessageAcceptedDto> SendOneWayMessageAsync(SendOneWayMessageDto input, string? idempotencyKey,
        CancellationToken cancellationToken = default) =>
        _remote.SendAsync<MessageAcceptedDto>(HttpMethod.Post, "api/app/message/send-one-way-message", Retry.Safe, input,
            idempotencyKey ?? Guid.CreateVersion7().ToString("N"), cancellationToken);

    public Task<MessageStatusDto> GetStatusAsync(Guid trackingId, CancellationToken cancellationToken = default) =>
        _remote.SendAsync<MessageStatusDto>(HttpMethod.Get, $"api/app/message/{trackingId}/status", Retry.Safe, cancellationToken: cancellationToken);

    /// <summary>Retried like a single send: the key (the caller's, or one made here) makes a retry return the same tracking ids.</summary>
    public Task<SendManyMessagesResultDto> SendManyAsync(SendManyMessagesDto input, string? idempotencyKey,
        CancellationToken cancellationToken = default) =>
        _remote.SendAsync<SendManyMessagesResultDto>(HttpMethod.Post, "api/app/message/send-many", Retry.Safe, input,
            idempotencyKey ?? Guid.CreateVersion7().ToString("N"), cancellationToken);

    /// <summary>Safe to retry: cancelling a cancelled message answers the same.</summary>
    public Task<MessageStatusDto> CancelAsync(Guid trackingId, CancellationToken cancellationToken = default) =>
        _remote.SendAsync<MessageStatusDto>(HttpMethod.Post, $"api/app/message/{trackingId}/cancel", Retry.Safe, cancellationToken: cancellationToken);
}
