using System.Text;

namespace Messaging.Attachment;

/// <summary>
/// The content type the first bytes of a file show (magic numbers; text when they decode as UTF-8 without control
/// characters), and whether a declared type agrees with it. Neither the file name nor the declared type is trusted.
/// </summary>
public static class ContentSniffer
{
    /// <summary>How many leading bytes the sniffer needs.</summary>
    public const int HeadLength = 4096;

    public const string OctetStream = "application/octet-stream";

    private static readonly (byte[] Magic, int Offset, string Type)[] Signatures =
    [
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], 0, "image/png"),
        ([0xFF, 0xD8, 0xFF], 0, "image/jpeg"),
        ("GIF87a"u8.ToArray(), 0, "image/gif"),
        ("GIF89a"u8.ToArray(), 0, "image/gif"),
        ("BM"u8.ToArray(), 0, "image/bmp"),
        ("%PDF-"u8.ToArray(), 0, "application/pdf"),
        ([0x50, 0x4B, 0x03, 0x04], 0, "application/zip"),
        ([0x50, 0x4B, 0x05, 0x06], 0, "application/zip")
    ];

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static string Sniff(ReadOnlySpan<byte> head)
    {
        foreach (var (magic, offset, type) in Signatures)
        {
            if (head.Length >= offset + magic.Length && head.Slice(offset, magic.Length).SequenceEqual(magic))
            {
                return type;
            }
        }

        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        return LooksLikeText(head) ? (LooksLikeJson(head) ? "application/json" : "text/plain") : OctetStream;
    }

    /// <summary>
    /// The type the file is stored as: the sniffed one, narrowed by the declared one where bytes cannot tell them apart
    /// (CSV is text); null when they disagree.
    /// </summary>
    public static string? Reconcile(string? declared, string sniffed)
    {
        var declaredType = Normalize(declared);
        if (declaredType is null || declaredType == OctetStream || declaredType == sniffed)
        {
            return sniffed;
        }

        return (declaredType, sniffed) switch
        {
            ("text/csv", "text/plain" or "application/json") => "text/csv",
            ("text/plain", "application/json") => "text/plain",
            ("image/jpg", "image/jpeg") => "image/jpeg",
            ("application/x-zip-compressed", "application/zip") => "application/zip",
            _ => null
        };
    }

    public static bool IsAllowed(string contentType, IEnumerable<string> allowList) =>
        allowList.Any(allowed => allowed == "*/*" || (allowed.EndsWith("/*", StringComparison.Ordinal)
            ? contentType.StartsWith(allowed[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(allowed, contentType, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The media type without parameters (<c>text/csv; charset=utf-8</c> is <c>text/csv</c>), lower case.</summary>
    public static string? Normalize(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        var semicolon = contentType.IndexOf(';');
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim().ToLowerInvariant();
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        // A multi-byte character cut at the end of the head is not an error.
        var end = head.Length;
        for (var back = 1; back <= 3 && back <= head.Length; back++)
        {
            if ((head[^back] & 0xC0) == 0xC0)
            {
                end = head.Length - back;
                break;
            }

            if ((head[^back] & 0x80) == 0)
            {
                break;
            }
        }

        try
        {
            var text = StrictUtf8.GetString(head[..end]);
            return !text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f'));
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static bool LooksLikeJson(ReadOnlySpan<byte> head)
    {
        foreach (var b in head)
        {
            if (b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or 0xEF or 0xBB or 0xBF)
            {
                continue;
            }

            return b is (byte)'{' or (byte)'[';
        }

        return false;
    }
}
