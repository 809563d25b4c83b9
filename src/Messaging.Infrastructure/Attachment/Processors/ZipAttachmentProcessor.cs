using System.IO.Compression;
using System.Text.Json.Nodes;
using Messaging.Attachment;

namespace Messaging.Infrastructure.Attachment.Processors;

/// <summary>
/// A listing of a ZIP archive, nothing extracted. An archive that would unpack to more than <see cref="MaxTotalBytes"/>, holds
/// more than <see cref="MaxEntries"/> entries or compresses an entry more than <see cref="MaxRatio"/> times is refused as a zip bomb.
/// </summary>
public sealed class ZipAttachmentProcessor : IAttachmentProcessor
{
    public const long MaxTotalBytes = 1024L * 1024 * 1024;
    public const int MaxEntries = 10_000;
    public const int MaxRatio = 100;
    public const int ListedEntries = 200;

    public string Name => "zip";

    public bool Handles(string contentType) => contentType == "application/zip";

    public async Task<JsonObject> ProcessAsync(Stream content, string contentType, CancellationToken cancellationToken)
    {
        var seekable = await SeekableCopy.OfAsync(content, cancellationToken);
        await using var _ = seekable == content ? null : seekable;
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException invalid)
        {
            throw new AttachmentContentException("The file is not a readable ZIP archive.", invalid);
        }

        using (archive)
        {
            if (archive.Entries.Count > MaxEntries)
            {
                throw new AttachmentContentException($"The archive holds more than {MaxEntries} entries; it is refused as a zip bomb.");
            }

            long total = 0;
            var listing = new JsonArray();
            foreach (var entry in archive.Entries)
            {
                total += entry.Length;
                if (total > MaxTotalBytes)
                {
                    throw new AttachmentContentException($"The archive would unpack to more than {MaxTotalBytes} bytes; it is refused as a zip bomb.");
                }

                if (entry.Length > 1024 * 1024 && entry.Length > (long)MaxRatio * Math.Max(entry.CompressedLength, 1))
                {
                    throw new AttachmentContentException($"An entry is compressed more than {MaxRatio} times; the archive is refused as a zip bomb.");
                }

                if (listing.Count < ListedEntries)
                {
                    listing.Add(new JsonObject { ["name"] = entry.FullName, ["size"] = entry.Length, ["compressedSize"] = entry.CompressedLength });
                }
            }

            return new JsonObject
            {
                ["kind"] = "archive",
                ["entries"] = archive.Entries.Count,
                ["uncompressedBytes"] = total,
                ["listing"] = listing
            };
        }
    }
}
