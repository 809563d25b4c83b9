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
    ContactForm,

    /// <summary>A plain email with the subject and text its sender wrote: how the Messages module's Email channel is delivered.</summary>
    Message
}
