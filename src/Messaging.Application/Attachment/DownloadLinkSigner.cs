using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Messaging.Attachment;

/// <summary>
/// The token of a host-served download link: the tenant, the expiry and an HMAC-SHA256 over both and the attachment id,
/// Base64url. It names no storage key; a changed byte or a passed expiry fails the check (compared in constant time).
/// </summary>
public sealed class DownloadLinkSigner(IDownloadLinkKey key, TimeProvider clock)
{
    private const byte Version = 1;
    private const int MacLength = 32;
    private const int TokenLength = 1 + 16 + 8 + MacLength;

    public string Sign(Guid tenantId, Guid attachmentId, DateTime expiresAt)
    {
        var token = new byte[TokenLength];
        token[0] = Version;
        tenantId.TryWriteBytes(token.AsSpan(1, 16));
        BinaryPrimitives.WriteInt64BigEndian(token.AsSpan(17, 8), new DateTimeOffset(expiresAt, TimeSpan.Zero).ToUnixTimeSeconds());
        Mac(token.AsSpan(0, 25), attachmentId).CopyTo(token.AsSpan(25));
        return Base64Url(token);
    }

    /// <summary>The tenant the link was made for, or null when the token was changed, made for another attachment or has expired.</summary>
    public Guid? Verify(Guid attachmentId, string? token)
    {
        var bytes = FromBase64Url(token);
        if (bytes is not { Length: TokenLength } || bytes[0] != Version)
        {
            return null;
        }

        var expected = Mac(bytes.AsSpan(0, 25), attachmentId);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(25)))
        {
            return null;
        }

        var expires = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(17, 8));
        return clock.GetUtcNow().ToUnixTimeSeconds() < expires ? new Guid(bytes.AsSpan(1, 16)) : null;
    }

    private byte[] Mac(ReadOnlySpan<byte> signed, Guid attachmentId)
    {
        var message = new byte[signed.Length + 16];
        signed.CopyTo(message);
        attachmentId.TryWriteBytes(message.AsSpan(signed.Length));
        return HMACSHA256.HashData(key.Key, message);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 128)
        {
            return null;
        }

        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
