using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Messaging.RateLimiting;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Messaging.Authentication;

/// <summary>
/// How many requests with an unknown or revoked API key one client address may make. Counted by the rate limiter
/// every tenant is limited by (shared through Redis when configured).
/// </summary>
public sealed class FailedAuthenticationOptions
{
    public const string SectionName = "Authentication:FailedAttempts";

    public int PerMinute { get; set; } = 60;

    public int Burst { get; set; } = 20;
}

/// <summary>
/// Limits failed authentication per client address, so guessing keys costs the guesser, not the database. A client
/// over its limit is remembered here until it may try again: meanwhile keys this instance has cached still work
/// (a NAT shared with a guesser does not lock its honest clients out), anything else is refused without a lookup.
/// IPv6 clients are counted per /64, the block one subscriber is usually given.
/// </summary>
public sealed class FailedAuthenticationLimiter : IDisposable
{
    private const int MaxRefusedClients = 100_000;

    private readonly ITenantRateLimiter _limiter;
    private readonly IOptionsMonitor<FailedAuthenticationOptions> _options;
    private readonly TimeProvider _clock;
    private readonly MemoryCache _refused;

    public FailedAuthenticationLimiter(ITenantRateLimiter limiter, IOptionsMonitor<FailedAuthenticationOptions> options, TimeProvider clock)
    {
        _limiter = limiter;
        _options = options;
        _clock = clock;
        _refused = new MemoryCache(new MemoryCacheOptions { SizeLimit = MaxRefusedClients });
    }

    /// <summary>How long a client refused earlier must still wait; null when it may try.</summary>
    public TimeSpan? RetryAfter(IPAddress? client)
    {
        if (client is null || !_refused.TryGetValue(ClientKey(client), out DateTimeOffset until))
        {
            return null;
        }

        var wait = until - _clock.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : null;
    }

    /// <summary>Counts one failed attempt; answers how long the client must wait when this one was over its limit.</summary>
    public async ValueTask<TimeSpan?> RecordFailureAsync(IPAddress? client, CancellationToken cancellationToken)
    {
        if (client is null)
        {
            return null;
        }

        var key = ClientKey(client);
        var options = _options.CurrentValue;
        var limits = new RateLimits(options.PerMinute, TimeSpan.FromMinutes(1), options.Burst, int.MaxValue, TimeSpan.FromSeconds(5));
        await using var decision = await _limiter.AcquireAsync(Partition(key), limits, cancellationToken);
        if (decision.IsAllowed)
        {
            return null;
        }

        _refused.Set(key, _clock.GetUtcNow() + decision.RetryAfter,
            new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = decision.RetryAfter + TimeSpan.FromSeconds(1) });
        return decision.RetryAfter;
    }

    public void Dispose() => _refused.Dispose();

    private static string ClientKey(IPAddress client)
    {
        if (client.IsIPv4MappedToIPv6)
        {
            client = client.MapToIPv4();
        }

        if (client.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return client.ToString();
        }

        var bytes = client.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>The limiter counts per id: a client's is derived from its address, apart from any tenant's (random) id.</summary>
    private static Guid Partition(string clientKey) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes("failed-authentication:" + clientKey)).AsSpan(0, 16));
}
