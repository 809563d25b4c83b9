namespace Messaging.Messages.Delivery;

/// <summary>The names tenants configure providers by; each is the <see cref="IMessageSender.Provider"/> of one sender.</summary>
public static class ProviderNames
{
    public const string WhatsApp = "whatsapp";
    public const string Sms = "sms";
    public const string Webhook = "webhook";
    public const string Sandbox = "sandbox";

    /// <summary>The provider a channel uses when a tenant's configuration names none.</summary>
    public static string? DefaultFor(MessageChannel channel) => channel switch
    {
        MessageChannel.WhatsApp => WhatsApp,
        MessageChannel.Sms => Sms,
        MessageChannel.Webhook => Webhook,
        _ => null
    };
}
