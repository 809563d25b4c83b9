namespace Messaging.Messages.Delivery;

public sealed class DeliveryProviderOptions
{
    public const string SectionName = "Delivery";

    // "sandbox" records instead of sending, so the embedded default delivers nothing anywhere.
    public string FallbackProvider { get; set; } = ProviderNames.Sandbox;

    public string WhatsAppApiVersion { get; set; } = "v23.0";

    public TimeSpan EndpointCacheDuration { get; set; } = TimeSpan.FromMinutes(5);
}
