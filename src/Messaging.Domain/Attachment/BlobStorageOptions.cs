namespace Messaging.Attachment;

public enum BlobProvider
{
    FileSystem,
    S3
}

/// <summary>Where attachment content is stored: <c>Blobs</c> in the configuration.</summary>
public sealed class BlobStorageOptions
{
    public const string SectionName = "Blobs";

    public BlobProvider Provider { get; set; } = BlobProvider.FileSystem;

    /// <summary>The filesystem store's root folder; relative to the working folder.</summary>
    public string RootPath { get; set; } = ".data/blobs";

    public string Bucket { get; set; } = "attachments";

    /// <summary>An S3-compatible server's address (MinIO, R2, a test server); empty for AWS itself.</summary>
    public string? ServiceUrl { get; set; }

    public string Region { get; set; } = "us-east-1";

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Addresses buckets as a path (<c>host/bucket/key</c>), as most S3-compatible servers need.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>The key that signs the host's download links (filesystem store), Base64 of at least 32 bytes; generated under the root when empty.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Attempts per storage operation: the first and its retries (exponential backoff).</summary>
    public int WriteAttempts { get; set; } = 4;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public bool IsValid => WriteAttempts >= 1 && RetryBaseDelay >= TimeSpan.Zero && !string.IsNullOrWhiteSpace(RootPath)
        && (Provider != BlobProvider.S3 || !string.IsNullOrWhiteSpace(Bucket));
}
