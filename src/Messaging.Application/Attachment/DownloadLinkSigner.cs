using System.Buffers.Binary;
using System.Buffers.Text;
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
        return Base64Url.EncodeToString(token);
    }

    /// <summary>The tenant the link was made for, or null when the token was changed, made for another attachment or has expired.</summary>
    public Guid? Verify(Guid attachmentId, string? token)
    {
        // TryDecodeFromChars throws on characters outside the alphabet; IsValid checks them first.
        Span<byte> bytes = stackalloc byte[TokenLength];
        if (string.IsNullOrEmpty(token) || !Base64Url.IsValid(token, out var length) || length != TokenLength
            || !Base64Url.TryDecodeFromChars(token, bytes, out _) || bytes[0] != Version)
        {
            return null;
        }
        var expected = Mac(bytes[..25], attachmentId);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes[25..]))
        {
            return null;
        }

        var expires = BinaryPrimitives.ReadInt64BigEndian(bytes.Slice(17, 8));
        return clock.GetUtcNow().ToUnixTimeSeconds() < expires ? new Guid(bytes.Slice(1, 16)) : null;
    }

    private byte[] Mac(ReadOnlySpan<byte> signed, Guid attachmentId)
    {
        var message = new byte[signed.Length + 16];
        signed.CopyTo(message);
        attachmentId.TryWriteBytes(message.AsSpan(signed.Length));
        return HMACSHA256.HashData(key.Key, message);
    }
}
