namespace Messaging.EmailQueue;

/// <summary>The transactional emails the queue carries; each has a payload contract of its own.</summary>
public enum EmailEventType
{
    OrderConfirmation,
    AdminOrderNotification,
    ShippingNotification,
    OrderStatusUpdate,
    Welcome,
    PasswordReset,
    ContactForm
}
