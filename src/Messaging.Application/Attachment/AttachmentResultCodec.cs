using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Messaging.Attachment;

/// <summary>Results are stored as gzip-compressed JSON and read back unchanged (seed property 27).</summary>
public static class AttachmentResultCodec
{
    public static byte[] Compress(JsonObject result)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        using (var writer = new Utf8JsonWriter(gzip))
        {
            result.WriteTo(writer);
        }

        return buffer.ToArray();
    }

    public static JsonObject Decompress(byte[] compressed)
    {
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        return JsonNode.Parse(gzip)!.AsObject();
    }
}
