using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Messaging.RateLimiting;

/// <summary>
/// The RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset fields of the IETF draft "RateLimit header fields for
/// HTTP"; Reset and Retry-After count whole seconds, rounded up, so a client that waits that long is admitted.
/// </summary>
public static class RateLimitHeaders
{
    public const string Limit = "RateLimit-Limit";
    public const string Remaining = "RateLimit-Remaining";
    public const string Reset = "RateLimit-Reset";

    public static void Write(IHeaderDictionary headers, int limit, int remaining, TimeSpan reset)
    {
        headers[Limit] = limit.ToString(CultureInfo.InvariantCulture);
        headers[Remaining] = remaining.ToString(CultureInfo.InvariantCulture);
        headers[Reset] = WholeSeconds(reset, atLeast: 0).ToString(CultureInfo.InvariantCulture);
    }

    public static int WholeSeconds(TimeSpan value, int atLeast) => Math.Max(atLeast, (int)Math.Ceiling(value.TotalSeconds));
}
