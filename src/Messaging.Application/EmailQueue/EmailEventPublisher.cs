using Messaging.EmailQueue.Payloads;

namespace Messaging.EmailQueue;

/// <summary>The in-process way in: every type goes through the same validation, storage and idempotency as the API.</summary>
public sealed class EmailEventPublisher(EmailEventPublishing publishing) : IEmailEventPublisher
{
    public Task<EmailEventAcceptedDto> PublishOrderConfirmationAsync(OrderConfirmationPayload payload, string? idempotencyKey = null,
        CancellationToken cancellationToken = default) => publishing.PublishAsync(payload, idempotencyKey, cancellationToken);

    public Task<EmailEventAcceptedDto> PublishAdminOrderNotificationAsync(AdminOrderNotificationPayload payload, string? idempotencyKey = null,
        CancellationToken cancellationToken = default) => publishing.PublishAsync(payload, idempotencyKey, cancellationToken);

    public Task<EmailEventAcceptedDto> PublishShippingNotificationAsync(ShippingNotificationPayload payload, string? idempotencyKey = null,
        CancellationToken cancellationToken = default) => publishing.PublishAsync(payload, idempotencyKey, cancellationToken);

    public Task<EmailEventAcceptedDto> PublishOrderStatusUpdateAsync(OrderStatusUpdatePayload payload, string? idempotencyKey = null,
        CancellationToken cancellationToken = default) => publishing.PublishAsync(payload, idempotencyKey, cancellationToken);

    public Task<EmailEventAcceptedDto> PublishWelcomeAsync(WelcomePayload payload, string? idempotencyKey = null,
        CancellationToken cancellationToken = default) => publishing.PublishAsync(payload, idempotencyKey, cancellationToken);

    public Task<EmailEventAcceptedDto> PublishPasswordResetAsync(PasswordResetPayload payload, string? idempotencyKey = null,
        CancellationToken cancellationToken = default) => publishing.PublishAsync(payload, idempotencyKey, cancellationToken);

    public Task<EmailEventAcceptedDto> PublishContactFormAsync(ContactFormPayload payload, string? idempotencyKey = null,
        CancellationToken cancellationToken = default) => publishing.PublishAsync(payload, idempotencyKey, cancellationToken);

    public Task<EmailEventAcceptedDto> PublishMessageAsync(MessagePayload payload, string? idempotencyKey = null,
        CancellationToken cancellationToken = default) => publishing.PublishAsync(payload, idempotencyKey, cancellationToken);
}
