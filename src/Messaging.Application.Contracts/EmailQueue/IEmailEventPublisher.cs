using Messaging.EmailQueue.Payloads;

namespace Messaging.EmailQueue;

/// <summary>
/// How code in this process sends transactional email: one method per event type, for the current tenant. Each answers
/// once the event is committed and never waits for a mail server; an invalid payload throws the 400 the API answers.
/// </summary>
public interface IEmailEventPublisher
{
    Task<EmailEventAcceptedDto> PublishOrderConfirmationAsync(OrderConfirmationPayload payload, string? idempotencyKey = null,
        CancellationToken cancellationToken = default);

    Task<EmailEventAcceptedDto> PublishAdminOrderNotificationAsync(AdminOrderNotificationPayload payload, string? idempotencyKey = null,
        CancellationToken cancellationToken = default);

    Task<EmailEventAcceptedDto> PublishShippingNotificationAsync(ShippingNotificationPayload payload, string? idempotencyKey = null,
        CancellationToken cancellationToken = default);

    Task<EmailEventAcceptedDto> PublishOrderStatusUpdateAsync(OrderStatusUpdatePayload payload, string? idempotencyKey = null,
        CancellationToken cancellationToken = default);

    Task<EmailEventAcceptedDto> PublishWelcomeAsync(WelcomePayload payload, string? idempotencyKey = null,
        CancellationToken cancellationToken = default);

    Task<EmailEventAcceptedDto> PublishPasswordResetAsync(PasswordResetPayload payload, string? idempotencyKey = null,
        CancellationToken cancellationToken = default);

    Task<EmailEventAcceptedDto> PublishContactFormAsync(ContactFormPayload payload, string? idempotencyKey = null,
        CancellationToken cancellationToken = default);

    /// <summary>A plain email with the caller's own subject and text.</summary>
    Task<EmailEventAcceptedDto> PublishMessageAsync(MessagePayload payload, string? idempotencyKey = null,
        CancellationToken cancellationToken = default);
}
