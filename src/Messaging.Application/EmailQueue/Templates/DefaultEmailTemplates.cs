using Messaging.EmailQueue.Payloads;

namespace Messaging.EmailQueue.Templates;

/// <summary>
/// The templates every tenant starts with, one per event type, and the sample payload each is previewed with. Variables
/// are the payload's JSON names; the HTML part is rendered with an HTML encoder, so a payload's text never becomes markup.
/// </summary>
public static class DefaultEmailTemplates
{
    private const string Money = "| format_number: \"0.00\"";

    public static EmailTemplateContent For(EmailEventType type) => type switch
    {
        EmailEventType.OrderConfirmation => new(
            "Order {{ orderNumber }} confirmed",
            Page(
                "<p>Hello {{ customerName }},</p>\n<p>thank you for your order <strong>{{ orderNumber }}</strong>.</p>\n" +
                "<table role=\"presentation\" style=\"border-collapse:collapse\">\n{% for item in items %}" +
                "<tr><td style=\"padding:2px 8px\">{{ item.quantity }} &times;</td><td style=\"padding:2px 8px\">{{ item.name }}</td>" +
                $"<td style=\"padding:2px 8px;text-align:right\">{{{{ item.unitPrice {Money} }}}} {{{{ currency }}}}</td></tr>\n{{% endfor %}}</table>\n" +
                $"<p><strong>Total: {{{{ total {Money} }}}} {{{{ currency }}}}</strong></p>"),
            "Hello {{ customerName }},\nthank you for your order {{ orderNumber }}.\n\n" +
            $"{{% for item in items %}}{{{{ item.quantity }}}} x {{{{ item.name }}}} at {{{{ item.unitPrice {Money} }}}} {{{{ currency }}}}\n{{% endfor %}}\n" +
            $"Total: {{{{ total {Money} }}}} {{{{ currency }}}}\n"),
        EmailEventType.AdminOrderNotification => new(
            "New order {{ orderNumber }}",
            Page("<p>{{ customerName }} &lt;{{ customerEmail }}&gt; placed order <strong>{{ orderNumber }}</strong> " +
                 $"for {{{{ total {Money} }}}} {{{{ currency }}}}.</p>"),
            $"{{{{ customerName }}}} <{{{{ customerEmail }}}}> placed order {{{{ orderNumber }}}} for {{{{ total {Money} }}}} {{{{ currency }}}}.\n"),
        EmailEventType.ShippingNotification => new(
            "Order {{ orderNumber }} shipped",
            Page("<p>Hello {{ customerName }},</p>\n<p>your order <strong>{{ orderNumber }}</strong> is on its way with {{ carrier }}.</p>\n" +
                 "<p>Tracking number: {{ trackingNumber }}</p>\n" +
                 "{% if trackingUrl %}<p><a href=\"{{ trackingUrl }}\">Track your order</a></p>{% endif %}"),
            "Hello {{ customerName }},\nyour order {{ orderNumber }} is on its way with {{ carrier }}.\nTracking number: {{ trackingNumber }}\n" +
            "{% if trackingUrl %}Track it at {{ trackingUrl }}{% endif %}\n"),
        EmailEventType.OrderStatusUpdate => new(
            "Order {{ orderNumber }}: {{ status }}",
            Page("<p>Hello {{ customerName }},</p>\n<p>your order <strong>{{ orderNumber }}</strong> is now {{ status }}.</p>\n" +
                 "{% if note %}<p>{{ note }}</p>{% endif %}"),
            "Hello {{ customerName }},\nyour order {{ orderNumber }} is now {{ status }}.\n{{ note }}\n"),
        EmailEventType.Welcome => new(
            "Welcome",
            Page("<p>Hello {{ name }},</p>\n<p>welcome aboard.</p>\n" +
                 "{% if confirmEmailUrl %}<p><a href=\"{{ confirmEmailUrl }}\">Confirm your email address</a></p>{% endif %}"),
            "Hello {{ name }},\nwelcome aboard.\n{% if confirmEmailUrl %}Confirm your email address here: {{ confirmEmailUrl }}{% endif %}\n"),
        EmailEventType.PasswordReset => new(
            "Reset your password",
            Page("<p>Hello{% if name %} {{ name }}{% endif %},</p>\n<p><a href=\"{{ resetUrl }}\">Reset your password</a></p>\n" +
                 "<p>The link works until {{ expiresAt | date: \"%Y-%m-%d %H:%M:%SZ\" }}. If you did not ask for it, ignore this email.</p>"),
            "Hello{% if name %} {{ name }}{% endif %},\nreset your password here: {{ resetUrl }}\n" +
            "The link works until {{ expiresAt | date: \"%Y-%m-%d %H:%M:%SZ\" }}. If you did not ask for it, ignore this email.\n"),
        EmailEventType.ContactForm => new(
            "Contact form: {{ subject }}",
            Page("<p>{{ fromName }} &lt;{{ fromEmail }}&gt; wrote:</p>\n<blockquote style=\"white-space:pre-wrap\">{{ message }}</blockquote>"),
            "{{ fromName }} <{{ fromEmail }}> wrote:\n\n{{ message }}\n"),
        EmailEventType.Message => new(
            "{{ subject }}",
            Page("<div style=\"white-space:pre-wrap\">{{ text }}</div>"),
            "{{ text }}\n"),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an email event type.")
    };

    /// <summary>What a preview renders when the caller gives no payload: every field filled, so every part shows.</summary>
    public static EmailPayload SampleOf(EmailEventType type) => type switch
    {
        EmailEventType.OrderConfirmation => new OrderConfirmationPayload
        {
            To = "customer@example.com",
            CustomerName = "Ada Lovelace",
            OrderNumber = "1001",
            Total = 42.5m,
            Currency = "EUR",
            Items = [new OrderItem { Name = "Tea", Quantity = 2, UnitPrice = 12.5m }, new OrderItem { Name = "Teapot", Quantity = 1, UnitPrice = 17.5m }]
        },
        EmailEventType.AdminOrderNotification => new AdminOrderNotificationPayload
        {
            To = "shop@example.com",
            OrderNumber = "1001",
            CustomerName = "Ada Lovelace",
            CustomerEmail = "customer@example.com",
            Total = 42.5m,
            Currency = "EUR"
        },
        EmailEventType.ShippingNotification => new ShippingNotificationPayload
        {
            To = "customer@example.com",
            CustomerName = "Ada Lovelace",
            OrderNumber = "1001",
            Carrier = "DHL",
            TrackingNumber = "JD014600006281230704",
            TrackingUrl = "https://tracking.example.com/JD014600006281230704"
        },
        EmailEventType.OrderStatusUpdate => new OrderStatusUpdatePayload
        {
            To = "customer@example.com",
            CustomerName = "Ada Lovelace",
            OrderNumber = "1001",
            Status = "Packed",
            Note = "It leaves tomorrow."
        },
        EmailEventType.Welcome => new WelcomePayload
        {
            To = "customer@example.com",
            Name = "Ada Lovelace",
            ConfirmEmailUrl = "https://shop.example.com/confirm?token=sample"
        },
        EmailEventType.PasswordReset => new PasswordResetPayload
        {
            To = "customer@example.com",
            Name = "Ada Lovelace",
            ResetUrl = "https://shop.example.com/reset?token=sample",
            ExpiresAt = new DateTime(2030, 1, 1, 12, 0, 0, DateTimeKind.Utc)
        },
        EmailEventType.ContactForm => new ContactFormPayload
        {
            To = "shop@example.com",
            FromName = "Charles Babbage",
            FromEmail = "charles@example.com",
            Subject = "Opening hours",
            Message = "Are you open on Sundays?"
        },
        EmailEventType.Message => new MessagePayload
        {
            To = "ada@example.com",
            Subject = "Your order has shipped",
            Text = "Your order 1001 left our warehouse today.\nIt arrives on Monday."
        },
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an email event type.")
    };

    private static string Page(string body) =>
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head>\n" +
        "<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#222;max-width:600px;margin:0 auto;padding:16px\">\n" +
        body + "\n</body></html>\n";
}
