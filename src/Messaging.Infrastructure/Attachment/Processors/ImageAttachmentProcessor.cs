using System.Text.Json.Nodes;
using Messaging.Attachment;
using SkiaSharp;

namespace Messaging.Infrastructure.Attachment.Processors;

/// <summary>
/// Images: dimensions, format, and a PNG thumbnail of at most <see cref="ThumbnailSize"/> pixels a side, drawn from the
/// decoded pixels only, so no metadata of the original (EXIF, GPS, comments) survives. Images of more than
/// <see cref="MaxPixels"/> pixels are refused before decoding.
/// </summary>
public sealed class ImageAttachmentProcessor : IAttachmentProcessor
{
    public const int ThumbnailSize = 128;
    public const long MaxPixels = 50_000_000;

    public string Name => "image";

    public bool Handles(string contentType) => contentType.StartsWith("image/", StringComparison.Ordinal);

    public async Task<JsonObject> ProcessAsync(Stream content, string contentType, CancellationToken cancellationToken)
    {
        var seekable = await SeekableCopy.OfAsync(content, cancellationToken);
        await using var _ = seekable == content ? null : seekable;
        using var codec = SKCodec.Create(seekable) ?? throw new AttachmentContentException("The file is not an image this service can read.");
        var info = codec.Info;
        if ((long)info.Width * info.Height > MaxPixels)
        {
            throw new AttachmentContentException($"The image has more than {MaxPixels} pixels.");
        }

        using var bitmap = SKBitmap.Decode(codec) ?? throw new AttachmentContentException("The image could not be decoded.");
        var scale = Math.Min(1.0, (double)ThumbnailSize / Math.Max(info.Width, info.Height));
        var size = new SKImageInfo(Math.Max(1, (int)Math.Round(info.Width * scale)), Math.Max(1, (int)Math.Round(info.Height * scale)));
        using var thumbnail = bitmap.Resize(size, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear))
                              ?? throw new AttachmentContentException("The image could not be scaled.");
        using var encoded = thumbnail.Encode(SKEncodedImageFormat.Png, 90);
        return new JsonObject
        {
            ["kind"] = "image",
            ["format"] = codec.EncodedFormat.ToString().ToLowerInvariant(),
            ["width"] = info.Width,
            ["height"] = info.Height,
            ["thumbnail"] = new JsonObject
            {
                ["contentType"] = "image/png",
                ["width"] = size.Width,
                ["height"] = size.Height,
                ["base64"] = Convert.ToBase64String(encoded.AsSpan())
            }
        };
    }
}
