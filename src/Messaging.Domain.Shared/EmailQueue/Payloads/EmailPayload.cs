namespace Messaging.EmailQueue.Payloads;

/// <summary>
/// What one email event carries. Every payload names its recipient in <see cref="To"/> and lists all its problems at
/// once, keyed by the JSON path of the field (<c>payload.to</c>), so a refusal names every field to correct.
/// </summary>
public abstract record EmailPayload
{
    public string? To { get; init; }

    public abstract EmailEventType Type { get; }

    public IReadOnlyDictionary<string, string[]> Validate()
    {
        var errors = new EmailPayloadErrors();
        errors.Address("to", To, required: true);
        ValidateFields(errors);
        return errors.ToDictionary();
    }

    protected abstract void ValidateFields(EmailPayloadErrors errors);

    public static Type ContractOf(EmailEventType type) => type switch
    {
        EmailEventType.OrderConfirmation => typeof(OrderConfirmationPayload),
        EmailEventType.AdminOrderNotification => typeof(AdminOrderNotificationPayload),
        EmailEventType.ShippingNotification => typeof(ShippingNotificationPayload),
        EmailEventType.OrderStatusUpdate => typeof(OrderStatusUpdatePayload),
        EmailEventType.Welcome => typeof(WelcomePayload),
        EmailEventType.PasswordReset => typeof(PasswordResetPayload),
        EmailEventType.ContactForm => typeof(ContactFormPayload),
        EmailEventType.Message => typeof(MessagePayload),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an email event type.")
    };
}
