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
        if (string.IsNullOrEmpty(signatureHeader) || ReadTimestamp(timestampHeader) is not { } timestamp)
        {
            return WebhookSignatureCheck.MissingHeaders;
        }

        if (!WithinTolerance(timestamp, now, tolerance))
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

    /// <summary>
    /// Standard Webhooks' scheme (standardwebhooks.com), which senders such as email-routing workers use: the
    /// signature header holds space-separated <c>v1,&lt;base64 HMAC-SHA256(key, "{id}.{timestamp}.{body}")&gt;</c> values,
    /// keyed with the secret's bytes (the Base64 after <c>whsec_</c>).
    /// </summary>
    public static string SignStandard(ReadOnlySpan<byte> key, string webhookId, long unixTimestamp, ReadOnlySpan<byte> body) =>
        $"{Scheme},{Convert.ToBase64String(StandardMac(key, webhookId, unixTimestamp, body))}";

    /// <param name="signatureHeader">One or more space-separated <c>v1,</c> values; any one matching is enough (secret rotation).</param>
    public static WebhookSignatureCheck VerifyStandard(ReadOnlySpan<byte> key, string? webhookId, string? timestampHeader, string? signatureHeader,
        ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (string.IsNullOrEmpty(webhookId) || string.IsNullOrEmpty(signatureHeader) || ReadTimestamp(timestampHeader) is not { } timestamp)
        {
            return WebhookSignatureCheck.MissingHeaders;
        }

        if (!WithinTolerance(timestamp, now, tolerance))
        {
            return WebhookSignatureCheck.TimestampOutOfTolerance;
        }

        var expected = StandardMac(key, webhookId, timestamp, body);
        Span<byte> presented = stackalloc byte[expected.Length];
        foreach (var part in signatureHeader.Split(' ', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith(Scheme + ",", StringComparison.Ordinal)
                && Convert.TryFromBase64String(part[(Scheme.Length + 1)..], presented, out var written)
                && written == expected.Length
                && CryptographicOperations.FixedTimeEquals(presented, expected))
            {
                return WebhookSignatureCheck.Valid;
            }
        }

        return WebhookSignatureCheck.Mismatch;
    }

    private static long? ReadTimestamp(string? header) =>
        !string.IsNullOrEmpty(header) && long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp) ? timestamp : null;

    private static bool WithinTolerance(long timestamp, DateTimeOffset now, TimeSpan? tolerance) =>
        Math.Abs(now.ToUnixTimeSeconds() - timestamp) <= (tolerance ?? DefaultTolerance).TotalSeconds;

    private static byte[] StandardMac(ReadOnlySpan<byte> key, string webhookId, long unixTimestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes($"{webhookId}.{unixTimestamp.ToString(CultureInfo.InvariantCulture)}."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }

    private static byte[] Mac(string secret, long unixTimestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.ASCII.GetBytes(unixTimestamp.ToString(CultureInfo.InvariantCulture) + "."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
