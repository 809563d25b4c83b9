namespace Messaging.Security;

/// <summary>Where tenant-supplied addresses (provider URLs, webhook recipients, callbacks) may lead; section <c>Delivery</c>.</summary>
public sealed class OutboundAddressOptions
{
    public const string SectionName = "Delivery";

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
}
