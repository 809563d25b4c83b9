using System.Runtime.CompilerServices;
using Messaging.Attachment;
using Microsoft.Extensions.Options;

namespace Messaging.Infrastructure.Attachment;

/// <summary>
/// Blobs as files under <see cref="BlobStorageOptions.RootPath"/> (the embedded default, <c>.data/blobs</c>). A write goes to
/// a temporary file beside its target and is renamed into place only when complete, so a key never names half a file.
/// Every path is resolved and checked to stay inside the root, whatever a key holds.
/// </summary>
public sealed class FileSystemBlobStore(IOptions<BlobStorageOptions> options) : IBlobStore
{
    private const string PartialSuffix = ".partial";

    private readonly string _root = Path.GetFullPath(options.Value.RootPath);

    public async Task WriteAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        var partial = $"{path}.{Guid.NewGuid():N}{PartialSuffix}";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
            }

            File.Move(partial, path, overwrite: false);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            throw new BlobStorageException($"The blob '{key}' could not be written.", failure);
        }
        finally
        {
            TryDelete(partial);
        }
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        try
        {
            return Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920,
                FileOptions.Asynchronous | FileOptions.SequentialScan));
        }
        catch (Exception missing) when (missing is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new BlobNotFoundException(key);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            throw new BlobStorageException($"The blob '{key}' could not be read.", failure);
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            File.Delete(PathOf(key));
            return Task.CompletedTask;
        }
        catch (DirectoryNotFoundException)
        {
            return Task.CompletedTask;
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            throw new BlobStorageException($"The blob '{key}' could not be deleted.", failure);
        }
    }

    public async IAsyncEnumerable<BlobEntry> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_root))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/');
            if (!key.StartsWith(prefix, StringComparison.Ordinal) || key.StartsWith('.'))
            {
                continue;
            }

            var info = new FileInfo(path);
            if (info.Exists)
            {
                yield return new BlobEntry(key, info.Length, info.LastWriteTimeUtc);
            }
        }

        await Task.CompletedTask;
    }

    public Uri? PresignDownload(string key, string fileName, string contentType, DateTime expiresAt) => null;

    /// <summary>The file a key names, refused unless it lies inside the root (no <c>..</c>, no absolute key, no link out).</summary>
    public string PathOf(string key)
    {
        if (string.IsNullOrEmpty(key) || key.Contains('\\') || key.Contains('\0') || Path.IsPathRooted(key))
        {
            throw new BlobStorageException("A blob key must be a relative path of ours.");
        }

        var path = Path.GetFullPath(Path.Combine(_root, key));
        var root = _root.EndsWith(Path.DirectorySeparatorChar) ? _root : _root + Path.DirectorySeparatorChar;
        if (!path.StartsWith(root, StringComparison.Ordinal))
        {
            throw new BlobStorageException("A blob key must name a file inside the storage root.");
        }

        return path;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            // A leftover partial file is an orphan the sweep removes after the grace period.
        }
    }
}
