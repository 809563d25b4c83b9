using System.Security.Cryptography;
using Messaging.Attachment;
using Microsoft.Extensions.Options;

namespace Messaging.Infrastructure.Attachment;

/// <summary>
/// <c>Blobs:SigningKey</c> when set; otherwise a random key kept beside the filesystem store's blobs (the embedded default,
/// one machine), created on first use. S3 links are presigned by the SDK and need none.
/// </summary>
public sealed class DownloadLinkKey(IOptions<BlobStorageOptions> options) : IDownloadLinkKey
{
    public const int MinimumLength = 32;

    private readonly Lazy<byte[]> _key = new(() => Load(options.Value));

    public byte[] Key => _key.Value;

    private static byte[] Load(BlobStorageOptions settings)
    {
        if (!string.IsNullOrWhiteSpace(settings.SigningKey))
        {
            var configured = Convert.FromBase64String(settings.SigningKey);
            return configured.Length >= MinimumLength
                ? configured
                : throw new InvalidOperationException($"Blobs:SigningKey must be Base64 of at least {MinimumLength} bytes.");
        }

        var root = Path.GetFullPath(settings.RootPath);
        Directory.CreateDirectory(root);
        var path = Path.Combine(root, ".link-signing-key");
        try
        {
            using var created = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            created.Write(RandomNumberGenerator.GetBytes(MinimumLength));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first; both use that one.
        }

        return File.ReadAllBytes(path);
    }
}
