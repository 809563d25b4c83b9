using Microsoft.Extensions.Options;

namespace Messaging.EmailQueue;

/// <summary>
/// Typed client for email events. Publishing is retried safely: every publish carries an idempotency key (the caller's,
/// or one made here), so a retry after a lost answer stores one event and answers its id.
/// </summary>
public sealed class EmailEventApiClient(HttpClient http, IOptions<MessagingClientOptions> options) : IEmailEventAppService
{
    private readonly RemoteService _remote = new(http, options);

    public Task<EmailEventAcceptedDto> PublishAsync(PublishEmailEventDto input, string? idempotencyKey, CancellationToken cancellationToken = default) =>
        _remote.SendAsync<EmailEventAcceptedDto>(HttpMethod.Post, "api/app/email-event", Retry.Safe, input,
            idempotencyKey ?? Guid.CreateVersion7().ToString("N"), cancellationToken);

    public Task<EmailEventDto> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        _remote.SendAsync<EmailEventDto>(HttpMethod.Get, $"api/app/email-event/{id}", Retry.Safe, cancellationToken: cancellationToken);

    public Task<EmailQueueStatusDto> GetQueueStatusAsync(CancellationToken cancellationToken = default) =>
        _remote.SendAsync<EmailQueueStatusDto>(HttpMethod.Get, "api/app/email-event/queue-status", Retry.Safe, cancellationToken: cancellationToken);
}
