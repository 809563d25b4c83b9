using System.Net;
using System.Net.Sockets;
using Messaging.RateLimiting;
using Microsoft.Extensions.Options;

namespace Messaging.Messages.Receipts;

/// <summary>
/// The limits of the receipts endpoint now, as partitions of the tenants' rate limiter: one per client address and one
/// for everyone. Partitions are name-based ids, so every instance counts the same client in the same place.
/// </summary>
public sealed class ReceiptRateLimitPolicy(IOptionsMonitor<ReceiptOptions> receipts, IOptionsMonitor<HighThroughputOptions> highThroughput)
{
    public static readonly Guid GlobalPartition = NameBasedGuid.From("receipts/all-clients");

    public bool IsEnabled => receipts.CurrentValue.RateLimit.Enabled;

    public RateLimits PerClient => Limits(receipts.CurrentValue.RateLimit.PerClient);

    public RateLimits Global => Limits(receipts.CurrentValue.RateLimit.Global);

    /// <summary>An IPv6 client by its /64, the block one subscriber is usually given, so rotating addresses in it does not help.</summary>
    public static Guid ClientPartition(IPAddress? address)
    {
        if (address is null)
        {
            return NameBasedGuid.From("receipts/client/unknown");
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            address = new IPAddress(bytes);
        }

        return NameBasedGuid.From($"receipts/client/{address}");
    }

    private RateLimits Limits(ReceiptRateLimit limit) => new(limit.RequestsPerMinute, TimeSpan.FromMinutes(1), limit.BurstLimit,
        limit.ConcurrentRequests, highThroughput.CurrentValue.RateLimiting.ConcurrencyLeaseTimeout);
}
