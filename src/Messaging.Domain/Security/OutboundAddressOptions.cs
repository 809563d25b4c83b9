namespace Messaging.Security;

/// <summary>Where tenant-supplied addresses (provider URLs, webhook recipients, callbacks) may lead; section <c>Delivery</c>.</summary>
public sealed class OutboundAddressOptions
{
    public const string SectionName = "Delivery";

    public bool AllowPrivateNetworks { get; set; }

    public static readonly IReadOnlySet<int> DefaultAllowedPorts = new HashSet<int> { 80, 443, 8443 };

    // A public address of the platform's own infrastructure must not be probed on its other ports.
    public int[]? AllowedPorts { get; set; }

    public IReadOnlySet<int> EffectiveAllowedPorts => AllowedPorts is { Length: > 0 } ports ? ports.ToHashSet() : DefaultAllowedPorts;
}
