namespace Messaging.Attachment;

/// <summary>A stored blob as a listing sees it.</summary>
public sealed record BlobEntry(string Key, long Size, DateTime LastModified);

/// <summary>
/// Where attachment content lives (the filesystem under <c>.data/</c>, or S3-compatible storage). Keys are ours, never a
/// client's file name. Each call is one operation the caller may repeat: a failure throws <see cref="BlobStorageException"/>.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores the whole stream under <paramref name="key"/>, reading it once; nothing is visible under the key unless all of it was stored.</summary>
    Task WriteAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>The blob's content; <see cref="BlobNotFoundException"/> when there is none.</summary>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes the blob; a blob that is not there is already deleted.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Every blob under <paramref name="prefix"/>, unfinished writes included (the sweep removes the old ones).</summary>
    IAsyncEnumerable<BlobEntry> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>A presigned download address when the storage serves downloads itself; null when the host serves them.</summary>
    Uri? PresignDownload(string key, string fileName, string contentType, DateTime expiresAt);
}

/// <summary>Storage did not do what was asked (unreachable, refused, full); the operation may be repeated.</summary>
public class BlobStorageException(string message, Exception? inner = null) : Exception(message, inner);

public sealed class BlobNotFoundException(string key) : BlobStorageException($"No blob is stored under '{key}'.");
