namespace Messaging.Messages.Delivery;

/// <summary>Host-wide settings of delivery providers (section <c>Delivery</c>).</summary>
public sealed class DeliveryProviderOptions
{
    public const string SectionName = "Delivery";

    /// <summary>
    /// The provider used for a channel a tenant has not configured; "sandbox" records instead of sending, so the embedded
    /// default delivers nothing anywhere. Empty means none: such messages wait until the tenant configures the channel.
    /// </summary>
    public string FallbackProvider { get; set; } = ProviderNames.Sandbox;

    /// <summary>The Graph API version in WhatsApp Cloud API paths.</summary>
    public string WhatsAppApiVersion { get; set; } = "v23.0";

    /// <summary>How long a resolved endpoint is reused before it is read again; changes evict it at once anyway.</summary>
    public TimeSpan EndpointCacheDuration { get; set; } = TimeSpan.FromMinutes(5);
}
