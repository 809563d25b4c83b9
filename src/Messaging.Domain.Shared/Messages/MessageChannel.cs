namespace Messaging.Messages;

public enum MessageChannel
{
    WhatsApp,
    Sms,
    Email,
    Webhook
}
