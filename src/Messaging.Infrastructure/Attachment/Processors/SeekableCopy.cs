namespace Messaging.Infrastructure.Attachment.Processors;

/// <summary>Formats read by seeking (PDF, ZIP) get the content as a temporary file, deleted when closed, never the whole file in memory.</summary>
internal static class SeekableCopy
{
    public static async Task<Stream> OfAsync(Stream content, CancellationToken cancellationToken)
    {
        // Network streams may claim to seek while they cannot go back; only files and memory are trusted to.
        if (content is FileStream or MemoryStream && content.CanSeek)
        {
            return content;
        }

        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"attachment-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        await content.CopyToAsync(file, cancellationToken);
        file.Position = 0;
        return file;
    }
}
