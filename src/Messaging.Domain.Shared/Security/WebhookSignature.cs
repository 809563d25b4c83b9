using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Messaging.Security;

public enum WebhookSignatureCheck
{
    Valid,
    MissingHeaders,

    /// <summary>The timestamp is further from now than the tolerance: an old request replayed, or a clock far off.</summary>
    TimestampOutOfTolerance,
    Mismatch
}

/// <summary>
/// How webhook deliveries are signed, and how a receiver checks them. The sender puts the unix time in seconds in
/// <see cref="TimestampHeader"/> and <c>v1=</c> followed by the lowercase hex HMAC-SHA256 of <c>"{timestamp}.{body}"</c>
/// (the body's exact bytes), keyed with the tenant's signing secret in UTF-8, in <see cref="SignatureHeader"/>.
/// Receivers verify with <see cref="Verify"/>: the signature in constant time, the timestamp within a tolerance so a
/// captured request cannot be replayed later, and the same <c>Idempotency-Key</c> header seen twice means one delivery.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-Messaging-Timestamp";
    public const string SignatureHeader = "X-Messaging-Signature";
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string Scheme = "v1";

    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <returns>The signature header's value, <c>v1=&lt;hex&gt;</c>.</returns>
    public static string Sign(string secret, long unixTimestamp, ReadOnlySpan<byte> body) =>
        $"{Scheme}={Convert.ToHexStringLower(Mac(secret, unixTimestamp, body))}";

    /// <param name="signatureHeader">One or more comma-separated <c>v1=</c> values; any one matching is enough (secret rotation).</param>
    public static WebhookSignatureCheck Verify(string secret, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body,
        DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (string.IsNullOrEmpty(timestampHeader) || string.IsNullOrEmpty(signatureHeader)
            || !long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return WebhookSignatureCheck.MissingHeaders;
        }

        var skew = Math.Abs(now.ToUnixTimeSeconds() - timestamp);
        if (skew > (tolerance ?? DefaultTolerance).TotalSeconds)
        {
            return WebhookSignatureCheck.TimestampOutOfTolerance;
        }

        var expected = Mac(secret, timestamp, body);
        foreach (var part in signatureHeader.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!part.StartsWith(Scheme + "=", StringComparison.Ordinal))
            {
                continue;
            }

            var hex = part.AsSpan(Scheme.Length + 1);
            if (hex.Length != expected.Length * 2)
            {
                continue;
            }

            var presented = new byte[expected.Length];
            if (Convert.FromHexString(hex, presented, out _, out var written) == System.Buffers.OperationStatus.Done
                && written == expected.Length
                && CryptographicOperations.FixedTimeEquals(presented, expected))
            {
                return WebhookSignatureCheck.Valid;
            }
        }

        return WebhookSignatureCheck.Mismatch;
    }

    private static byte[] Mac(string secret, long unixTimestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.ASCII.GetBytes(unixTimestamp.ToString(CultureInfo.InvariantCulture) + "."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
