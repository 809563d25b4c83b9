using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace Messaging.Messages.Feed;

/// <summary>
/// The opaque cursor of the feed: base64url of a version byte, the position (acceptance ticks, id) and a check of 8
/// bytes over the tenant and the rest. The check refuses a garbled or edited cursor and one issued to another tenant.
/// It is not a secret: a forged position could only move the caller within its own messages, which the tenant's
/// query filter bounds anyway.
/// </summary>
public static class MessageFeedCursor
{
    private const byte Version = 1;
    private const int PayloadLength = 1 + sizeof(long) + 16;
    private const int CheckLength = 8;
    private const int Length = PayloadLength + CheckLength;

    public static string Encode(Guid tenantId, MessageFeedPosition position)
    {
        Span<byte> cursor = stackalloc byte[Length];
        cursor[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(cursor[1..], position.AcceptedAt.Ticks);
        position.Id.TryWriteBytes(cursor[(1 + sizeof(long))..PayloadLength], bigEndian: true, out _);
        Check(tenantId, cursor[..PayloadLength], cursor[PayloadLength..]);
        return Base64Url.EncodeToString(cursor);
    }

    public static bool TryDecode(string text, Guid tenantId, out MessageFeedPosition position)
    {
        position = default;
        Span<byte> cursor = stackalloc byte[Length + 3];
        if (text.Length != Base64Url.GetEncodedLength(Length)
            || !Base64Url.TryDecodeFromChars(text, cursor, out var written)
            || written != Length
            || cursor[0] != Version)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[CheckLength];
        Check(tenantId, cursor[..PayloadLength], expected);
        var ticks = BinaryPrimitives.ReadInt64BigEndian(cursor[1..]);
        if (!CryptographicOperations.FixedTimeEquals(expected, cursor[PayloadLength..Length])
            || ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        position = new MessageFeedPosition(new DateTime(ticks, DateTimeKind.Utc), new Guid(cursor[(1 + sizeof(long))..PayloadLength], bigEndian: true));
        return true;
    }

    private static void Check(Guid tenantId, ReadOnlySpan<byte> payload, Span<byte> check)
    {
        Span<byte> input = stackalloc byte[16 + PayloadLength];
        tenantId.TryWriteBytes(input, bigEndian: true, out _);
        payload.CopyTo(input[16..]);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input, hash);
        hash[..CheckLength].CopyTo(check);
    }
}
