using Messaging.EmailQueue.Payloads;

namespace Messaging.EmailQueue;

/// <summary>A valid payload of every event type, as a shop would publish it.</summary>
public static class EmailSamples
{
    public static WelcomePayload Welcome(string to = "ada@example.com") => new() { To = to, Name = "Ada" };

    public static IReadOnlyList<EmailPayload> OfEveryType() =>
    [
        new OrderConfirmationPayload
        {
            To = "ada@example.com", CustomerName = "Ada", OrderNumber = "1001", Total = 42.5m, Currency = "EUR",
            Items = [new OrderItem { Name = "Tea", Quantity = 2, UnitPrice = 21.25m }]
        },
        new AdminOrderNotificationPayload
        {
            To = "shop@example.com", OrderNumber = "1001", CustomerName = "Ada", CustomerEmail = "ada@example.com", Total = 42.5m, Currency = "EUR"
        },
        new ShippingNotificationPayload
        {
            To = "ada@example.com", CustomerName = "Ada", OrderNumber = "1001", Carrier = "DHL", TrackingNumber = "JD0001",
            TrackingUrl = "https://tracking.example.com/JD0001"
        },
        new OrderStatusUpdatePayload { To = "ada@example.com", CustomerName = "Ada", OrderNumber = "1001", Status = "Packed" },
        Welcome(),
        new PasswordResetPayload { To = "ada@example.com", ResetUrl = "https://shop.example.com/reset?t=abc", ExpiresAt = DateTime.UtcNow.AddHours(1) },
        new ContactFormPayload { To = "shop@example.com", FromName = "Bob", FromEmail = "bob@example.com", Subject = "Hello", Message = "A question" },
        new MessagePayload { To = "ada@example.com", Subject = "Your order", Text = "It shipped today." }
    ];
}
