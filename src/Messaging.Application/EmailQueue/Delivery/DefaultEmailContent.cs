using System.Globalization;
using System.Text;
using System.Text.Json;
using Messaging.EmailQueue.Payloads;

namespace Messaging.EmailQueue.Delivery;

/// <summary>The subject and plain-text body each event type is sent with.</summary>
public static class DefaultEmailContent
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    public static (string Subject, string Text) Render(EmailEventType type, string payloadJson)
    {
        var payload = (EmailPayload)JsonSerializer.Deserialize(payloadJson, EmailPayload.ContractOf(type), PayloadJson)!;
        return payload switch
        {
            OrderConfirmationPayload p => ($"Order {p.OrderNumber} confirmed",
                Lines($"Hello {p.CustomerName},", $"thank you for your order {p.OrderNumber}.", "",
                    string.Join("\n", p.Items!.Select(i => $"{i.Quantity} x {i.Name} at {Money(i.UnitPrice, p.Currency)}")), "",
                    $"Total: {Money(p.Total, p.Currency)}")),
            AdminOrderNotificationPayload p => ($"New order {p.OrderNumber}",
                Lines($"{p.CustomerName} <{p.CustomerEmail}> placed order {p.OrderNumber} for {Money(p.Total, p.Currency)}.")),
            ShippingNotificationPayload p => ($"Order {p.OrderNumber} shipped",
                Lines($"Hello {p.CustomerName},", $"your order {p.OrderNumber} is on its way with {p.Carrier}.",
                    $"Tracking number: {p.TrackingNumber}", p.TrackingUrl is null ? "" : $"Track it at {p.TrackingUrl}")),
            OrderStatusUpdatePayload p => ($"Order {p.OrderNumber}: {p.Status}",
                Lines($"Hello {p.CustomerName},", $"your order {p.OrderNumber} is now {p.Status}.", p.Note ?? "")),
            WelcomePayload p => ("Welcome", Lines($"Hello {p.Name},", "welcome aboard.",
                p.ConfirmEmailUrl is null ? "" : $"Confirm your email address here: {p.ConfirmEmailUrl}")),
            PasswordResetPayload p => ("Reset your password",
                Lines($"Hello{(p.Name is null ? "" : " " + p.Name)},", $"reset your password here: {p.ResetUrl}",
                    $"The link works until {p.ExpiresAt!.Value.ToUniversalTime():u}. If you did not ask for it, ignore this email.")),
            ContactFormPayload p => ($"Contact form: {p.Subject}", Lines($"{p.FromName} <{p.FromEmail}> wrote:", "", p.Message!)),
            MessagePayload p => (p.Subject!, Lines(p.Text!)),
            _ => throw new InvalidOperationException($"No content for {type}.")
        };
    }

    private static string Money(decimal? amount, string? currency) =>
        $"{amount?.ToString("0.00", CultureInfo.InvariantCulture)} {currency}";

    private static string Lines(params string[] lines) => new StringBuilder().AppendJoin('\n', lines).Append('\n').ToString();
}
