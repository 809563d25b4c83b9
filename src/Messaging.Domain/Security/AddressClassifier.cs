using System.Net;
using System.Net.Sockets;

namespace Messaging.Security;

/// <summary>
/// Tells addresses on the public internet from the ones a server must never be talked into calling for a tenant:
/// private, shared (CGNAT), loopback, link-local (cloud metadata at 169.254.169.254 among them), unspecified,
/// multicast, broadcast, documentation and other special-purpose ranges of the IANA registries. IPv6 forms that
/// carry an IPv4 address (IPv4-mapped, NAT64, 6to4) are judged by the address they carry.
/// </summary>
public static class AddressClassifier
{
    /// <summary>IPv4 special-purpose ranges (RFC 6890 and successors) that are not reachable on the public internet.</summary>
    public static readonly IReadOnlyList<IPNetwork> NonPublicIPv4 =
    [
        IPNetwork.Parse("0.0.0.0/8"),          // "this network", includes the unspecified address
        IPNetwork.Parse("10.0.0.0/8"),         // private
        IPNetwork.Parse("100.64.0.0/10"),      // shared address space (CGNAT)
        IPNetwork.Parse("127.0.0.0/8"),        // loopback
        IPNetwork.Parse("169.254.0.0/16"),     // link-local, cloud metadata services
        IPNetwork.Parse("172.16.0.0/12"),      // private
        IPNetwork.Parse("192.0.0.0/24"),       // IETF protocol assignments
        IPNetwork.Parse("192.0.2.0/24"),       // documentation (TEST-NET-1)
        IPNetwork.Parse("192.88.99.0/24"),     // 6to4 relay anycast (deprecated)
        IPNetwork.Parse("192.168.0.0/16"),     // private
        IPNetwork.Parse("198.18.0.0/15"),      // benchmarking
        IPNetwork.Parse("198.51.100.0/24"),    // documentation (TEST-NET-2)
        IPNetwork.Parse("203.0.113.0/24"),     // documentation (TEST-NET-3)
        IPNetwork.Parse("224.0.0.0/4"),        // multicast
        IPNetwork.Parse("240.0.0.0/4")         // reserved, includes the broadcast address
    ];

    /// <summary>The global unicast block; every IPv6 address outside it (loopback, ULA, link-local, multicast...) is refused.</summary>
    private static readonly IPNetwork GlobalUnicastIPv6 = IPNetwork.Parse("2000::/3");

    /// <summary>Special-purpose ranges inside the global unicast block.</summary>
    public static readonly IReadOnlyList<IPNetwork> NonPublicGlobalIPv6 =
    [
        IPNetwork.Parse("2001::/23"),          // IETF protocol assignments: Teredo, benchmarking, ORCHID
        IPNetwork.Parse("2001:db8::/32"),      // documentation
        IPNetwork.Parse("3fff::/20")           // documentation
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>True when the address is on the public internet and a tenant-supplied URL may reach it.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return !NonPublicIPv4.Any(network => network.Contains(address));
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublic(address.MapToIPv4());
        }

        if (Nat64.Contains(address))
        {
            return IsPublic(EmbeddedIPv4(address, 12));
        }

        if (SixToFour.Contains(address))
        {
            return IsPublic(EmbeddedIPv4(address, 2));
        }

        return GlobalUnicastIPv6.Contains(WithoutScope(address)) && !NonPublicGlobalIPv6.Any(network => network.Contains(WithoutScope(address)));
    }

    private static IPAddress EmbeddedIPv4(IPAddress address, int offset)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        return new IPAddress(bytes.Slice(offset, 4));
    }

    private static IPAddress WithoutScope(IPAddress address)
    {
        if (address.ScopeId == 0)
        {
            return address;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        return new IPAddress(bytes);
    }
}
