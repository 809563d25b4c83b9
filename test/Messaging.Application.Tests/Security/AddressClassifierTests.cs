using System.Net;
using CsCheck;

namespace Messaging.Security;

/// <summary>
/// The classifier against the IANA special-purpose registries, written out here independently of the product's table:
/// every address inside a listed range is refused, in every IPv6 form that carries it; addresses outside are allowed.
/// </summary>
public class AddressClassifierTests
{
    private static readonly (string Network, string Why)[] RefusedIPv4 =
    [
        ("0.0.0.0/8", "this network"), ("10.0.0.0/8", "private"), ("100.64.0.0/10", "CGNAT"), ("127.0.0.0/8", "loopback"),
        ("169.254.0.0/16", "link-local and cloud metadata"), ("172.16.0.0/12", "private"), ("192.0.0.0/24", "IETF"),
        ("192.0.2.0/24", "documentation"), ("192.88.99.0/24", "6to4 relay"), ("192.168.0.0/16", "private"),
        ("198.18.0.0/15", "benchmarking"), ("198.51.100.0/24", "documentation"), ("203.0.113.0/24", "documentation"),
        ("224.0.0.0/4", "multicast"), ("240.0.0.0/4", "reserved and broadcast")
    ];

    private static readonly Gen<IPAddress> AnyIPv4 = Gen.UInt.Select(value => new IPAddress(BitConverterBigEndian(value)));

    private static readonly Gen<IPAddress> RefusedIPv4Address =
        Gen.Int[0, RefusedIPv4.Length - 1].SelectMany(index => InRange(IPNetwork.Parse(RefusedIPv4[index].Network)));

    private static readonly Gen<IPAddress> PublicIPv4Address = AnyIPv4.Where(address => !IsListed(address));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.255.254")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.255")]
    [InlineData("169.254.169.254")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("224.0.0.251")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456:789a::1")]
    [InlineData("fe80::1")]
    [InlineData("fe80::1%2")]
    [InlineData("febf::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::127.0.0.1")]
    [InlineData("64:ff9b::7f00:1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("64:ff9b:1::1")]
    [InlineData("2002:7f00:1::1")]
    [InlineData("2002:c0a8:101::1")]
    [InlineData("2001:db8::1")]
    [InlineData("2001::1")]
    [InlineData("3fff::1")]
    [InlineData("100::1")]
    public void NonPublicAddresses_AreRefused(string address) =>
        AddressClassifier.IsPublic(IPAddress.Parse(address)).ShouldBeFalse(address);

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("93.184.215.14")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("169.253.255.255")]
    [InlineData("223.255.255.255")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001:80b::200e")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    public void PublicAddresses_AreAllowed(string address) =>
        AddressClassifier.IsPublic(IPAddress.Parse(address)).ShouldBeTrue(address);

    [Fact]
    public void EveryAddressOfARefusedRange_IsRefused_InEveryFormThatCarriesIt() =>
        RefusedIPv4Address.Sample(address =>
        {
            AddressClassifier.IsPublic(address).ShouldBeFalse(address.ToString());
            AddressClassifier.IsPublic(address.MapToIPv6()).ShouldBeFalse($"mapped {address}");
            AddressClassifier.IsPublic(Nat64Of(address)).ShouldBeFalse($"NAT64 {address}");
            AddressClassifier.IsPublic(SixToFourOf(address)).ShouldBeFalse($"6to4 {address}");
        }, iter: 20_000);

    [Fact]
    public void EveryOtherIPv4Address_IsAllowed_InEveryFormThatCarriesIt() =>
        PublicIPv4Address.Sample(address =>
        {
            AddressClassifier.IsPublic(address).ShouldBeTrue(address.ToString());
            AddressClassifier.IsPublic(address.MapToIPv6()).ShouldBeTrue($"mapped {address}");
            AddressClassifier.IsPublic(Nat64Of(address)).ShouldBeTrue($"NAT64 {address}");
        }, iter: 20_000);

    [Fact]
    public void IPv6OutsideGlobalUnicast_IsRefused() =>
        Gen.Byte.Array[16].Where(bytes => (bytes[0] & 0xE0) != 0x20).Select(bytes => new IPAddress(bytes))
            .Where(address => !address.IsIPv4MappedToIPv6 && !IPNetwork.Parse("64:ff9b::/96").Contains(address))
            .Sample(address => AddressClassifier.IsPublic(address).ShouldBeFalse(address.ToString()), iter: 20_000);

    [Fact]
    public void GlobalUnicastIPv6_OutsideSpecialRanges_IsAllowed() =>
        Gen.Byte.Array[16].Select(bytes =>
            {
                bytes[0] = (byte)(0x20 | (bytes[0] & 0x1F));
                return new IPAddress(bytes);
            })
            .Where(address => !new[] { "2001::/23", "2001:db8::/32", "3fff::/20", "2002::/16" }.Any(n => IPNetwork.Parse(n).Contains(address)))
            .Sample(address => AddressClassifier.IsPublic(address).ShouldBeTrue(address.ToString()), iter: 20_000);

    private static bool IsListed(IPAddress address) => RefusedIPv4.Any(range => IPNetwork.Parse(range.Network).Contains(address));

    private static Gen<IPAddress> InRange(IPNetwork network)
    {
        var size = 1u << (32 - network.PrefixLength);
        var start = ReadBigEndian(network.BaseAddress.GetAddressBytes());
        return Gen.UInt[0, size - 1].Select(offset => new IPAddress(BitConverterBigEndian(start + offset)));
    }

    private static IPAddress Nat64Of(IPAddress v4)
    {
        var bytes = new byte[16];
        bytes[1] = 0x64;
        bytes[2] = 0xff;
        bytes[3] = 0x9b;
        v4.GetAddressBytes().CopyTo(bytes, 12);
        return new IPAddress(bytes);
    }

    private static IPAddress SixToFourOf(IPAddress v4)
    {
        var bytes = new byte[16];
        bytes[0] = 0x20;
        bytes[1] = 0x02;
        v4.GetAddressBytes().CopyTo(bytes, 2);
        bytes[15] = 1;
        return new IPAddress(bytes);
    }

    private static uint ReadBigEndian(byte[] bytes) => (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);

    private static byte[] BitConverterBigEndian(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
}
