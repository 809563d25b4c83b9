using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Messaging.Attachment;

namespace Messaging.Infrastructure.Attachment.Processors;

/// <summary>Plain text, CSV and JSON: the encoding, line and record counts and a preview; JSON must parse.</summary>
public sealed class TextAttachmentProcessor : IAttachmentProcessor
{
    public const int PreviewLength = 500;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public string Name => "text";

    public bool Handles(string contentType) => contentType is "text/plain" or "text/csv" or "application/json";

    public async Task<JsonObject> ProcessAsync(Stream content, string contentType, CancellationToken cancellationToken)
    {
        var seekable = await SeekableCopy.OfAsync(content, cancellationToken);
        await using var _ = seekable == content ? null : seekable;
        var encoding = await DetectEncodingAsync(seekable, cancellationToken);
        seekable.Position = 0;
        using var reader = new StreamReader(seekable, encoding, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var preview = new StringBuilder();
        long lines = 0, records = 0;
        var insideQuotes = false;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lines++;
            if (preview.Length < PreviewLength)
            {
                preview.Append(line.AsSpan(0, Math.Min(line.Length, PreviewLength - preview.Length))).Append('\n');
            }

            // A CSV record ends at a line end outside quotes (RFC 4180: quoted fields may span lines).
            insideQuotes ^= line.Count(c => c == '"') % 2 == 1;
            if (!insideQuotes && line.Length > 0)
            {
                records++;
            }
        }

        var result = new JsonObject
        {
            ["kind"] = contentType switch { "text/csv" => "csv", "application/json" => "json", _ => "text" },
            ["encoding"] = encoding.WebName,
            ["lines"] = lines,
            ["preview"] = preview.Length > PreviewLength ? preview.ToString(0, PreviewLength) : preview.ToString()
        };
        if (contentType == "text/csv")
        {
            // The first record is the header.
            result["records"] = Math.Max(records - 1, 0);
        }

        if (contentType == "application/json")
        {
            seekable.Position = 0;
            result["records"] = await CountJsonRecordsAsync(seekable, cancellationToken);
        }

        return result;
    }

    private static async Task<Encoding> DetectEncodingAsync(Stream content, CancellationToken cancellationToken)
    {
        var head = new byte[4];
        var read = await content.ReadAtLeastAsync(head, 4, throwOnEndOfStream: false, cancellationToken);
        if (read >= 2 && head[0] == 0xFF && head[1] == 0xFE)
        {
            return Encoding.Unicode;
        }

        if (read >= 2 && head[0] == 0xFE && head[1] == 0xFF)
        {
            return Encoding.BigEndianUnicode;
        }

        content.Position = 0;
        var buffer = new byte[81920];
        var decoder = StrictUtf8.GetDecoder();
        var chars = new char[StrictUtf8.GetMaxCharCount(buffer.Length)];
        try
        {
            int count;
            while ((count = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                decoder.GetChars(buffer, 0, count, chars, 0, flush: false);
            }

            decoder.GetChars([], 0, 0, chars, 0, flush: true);
            return Encoding.UTF8;
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1;
        }
    }

    /// <summary>Items of a top-level array, 1 for any other value; content that does not parse is not JSON.</summary>
    private static async Task<long> CountJsonRecordsAsync(Stream content, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(content, new JsonDocumentOptions { MaxDepth = 256 }, cancellationToken);
            return document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.GetArrayLength() : 1;
        }
        catch (JsonException invalid)
        {
            throw new AttachmentContentException("The file is declared as JSON but does not parse as JSON.", invalid);
        }
    }
}
