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

    /// <summary>
    /// Whether tenants may point providers at plain-http addresses and (through the outbound guard) private networks.
    /// For development and tests against a local provider emulator; never in a shared deployment.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>The ports tenant-supplied addresses may use when <see cref="AllowedPorts"/> is not configured.</summary>
    public static readonly IReadOnlySet<int> DefaultAllowedPorts = new HashSet<int> { 80, 443, 8443 };

    /// <summary>
    /// The ports tenant-supplied addresses may use (unless <see cref="AllowPrivateNetworks"/> is on): a public address
    /// of the platform's own infrastructure must not be probed on its other ports. Unset means <see cref="DefaultAllowedPorts"/>.
    /// </summary>
    public int[]? AllowedPorts { get; set; }

    public IReadOnlySet<int> EffectiveAllowedPorts => AllowedPorts is { Length: > 0 } ports ? ports.ToHashSet() : DefaultAllowedPorts;

    /// <summary>The Graph API version in WhatsApp Cloud API paths.</summary>
    public string WhatsAppApiVersion { get; set; } = "v23.0";

    /// <summary>How long a resolved endpoint is reused before it is read again; changes evict it at once anyway.</summary>
    public TimeSpan EndpointCacheDuration { get; set; } = TimeSpan.FromMinutes(5);
}
