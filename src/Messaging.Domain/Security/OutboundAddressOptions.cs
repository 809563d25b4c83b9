namespace Messaging.Security;

/// <summary>Where tenant-supplied addresses (provider URLs, webhook recipients, callbacks, SMTP servers) may lead; section <c>Delivery</c>.</summary>
public sealed class OutboundAddressOptions
{
    public const string SectionName = "Delivery";

    public bool AllowPrivateNetworks { get; set; }

    public static readonly IReadOnlySet<int> DefaultAllowedPorts = new HashSet<int> { 80, 443, 8443 };

    // A public address of the platform's own infrastructure must not be probed on its other ports.
    public int[]? AllowedPorts { get; set; }

    public IReadOnlySet<int> EffectiveAllowedPorts => AllowedPorts is { Length: > 0 } ports ? ports.ToHashSet() : DefaultAllowedPorts;

    /// <summary>Submission and relay ports: a tenant's SMTP server may be reached on these only.</summary>
    public static readonly IReadOnlySet<int> DefaultAllowedSmtpPorts = new HashSet<int> { 25, 465, 587, 2525 };

    public int[]? AllowedSmtpPorts { get; set; }

    public IReadOnlySet<int> EffectiveAllowedSmtpPorts => AllowedSmtpPorts is { Length: > 0 } ports ? ports.ToHashSet() : DefaultAllowedSmtpPorts;
}
