using System.Buffers.Binary;
using System.Buffers.Text;

namespace Messaging.Attachment;

/// <summary>The keyset cursor of the attachment list: Base64url of a version byte, the last row's CreatedAt ticks and id.</summary>
public static class AttachmentCursor
{
    private const byte Version = 1;
    private const int Length = 1 + sizeof(long) + 16;

    public static string Encode(AttachmentPosition position)
    {
        var bytes = new byte[Length];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(1, 8), position.CreatedAt.Ticks);
        position.Id.TryWriteBytes(bytes.AsSpan(9, 16));
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>The position, or null for a cursor that is not one of ours.</summary>
    public static AttachmentPosition? Decode(string cursor)
    {
        if (cursor.Length > 64)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[Length];
        if (!Base64Url.IsValid(cursor, out var decodedLength) || decodedLength != Length
            || !Base64Url.TryDecodeFromChars(cursor, bytes, out _) || bytes[0] != Version)
        {
            return null;
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes.Slice(1, 8));
        return ticks is < 0 or > 3155378975999999999 ? null : new AttachmentPosition(new DateTime(ticks, DateTimeKind.Utc), new Guid(bytes.Slice(9, 16)));
    }
}
