using System.Net;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Messaging.Attachment;
using Microsoft.Extensions.Options;

namespace Messaging.Infrastructure.Attachment;

/// <summary>
/// Blobs in an S3-compatible bucket through the AWS SDK. The upload reads the stream once, a part of
/// <see cref="PartSize"/> at a time: content smaller than a part is one PUT, larger content a multipart upload that is
/// aborted on failure, so a key never names half an object. Parts are buffered, so the SDK retries each on its own, and
/// sent whole with a signed payload (no aws-chunked encoding, which not every S3-compatible server decodes).
/// </summary>
public sealed class S3BlobStore : IBlobStore, IDisposable
{
    /// <summary>S3's smallest part but the last; the memory one upload holds at most.</summary>
    public const int PartSize = 5 * 1024 * 1024;

    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly Protocol _linkProtocol;

    public S3BlobStore(IOptions<BlobStorageOptions> options)
    {
        var settings = options.Value;
        var config = new AmazonS3Config
        {
            ForcePathStyle = settings.ForcePathStyle,
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = Math.Max(settings.WriteAttempts - 1, 0),
            Timeout = TimeSpan.FromSeconds(30),
            // Checksums only where S3 requires them: S3-compatible servers do not all understand the trailing ones.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED
        };
        if (!string.IsNullOrWhiteSpace(settings.ServiceUrl))
        {
            config.ServiceURL = settings.ServiceUrl;
            config.AuthenticationRegion = settings.Region;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(settings.Region);
        }

        _client = string.IsNullOrEmpty(settings.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(settings.AccessKey, settings.SecretKey), config);
        _bucket = settings.Bucket;
        _linkProtocol = settings.ServiceUrl?.StartsWith("http:", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS;
    }

    public async Task WriteAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        var first = await ReadPartAsync(content, cancellationToken);
        try
        {
            if (first.Length < PartSize)
            {
                await _client.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, InputStream = first, AutoCloseStream = false, UseChunkEncoding = false },
                    cancellationToken);
                return;
            }

            await WriteMultipartAsync(key, first, content, cancellationToken);
        }
        catch (Exception failure) when (IsStorageFailure(failure))
        {
            throw new BlobStorageException($"The blob '{key}' could not be written.", failure);
        }
        finally
        {
            await first.DisposeAsync();
        }
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.GetObjectAsync(_bucket, key, cancellationToken);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception missing) when (missing.StatusCode == HttpStatusCode.NotFound)
        {
            throw new BlobNotFoundException(key);
        }
        catch (Exception failure) when (IsStorageFailure(failure))
        {
            throw new BlobStorageException($"The blob '{key}' could not be read.", failure);
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await _client.DeleteObjectAsync(_bucket, key, cancellationToken);
        }
        catch (AmazonS3Exception missing) when (missing.StatusCode == HttpStatusCode.NotFound)
        {
        }
        catch (Exception failure) when (IsStorageFailure(failure))
        {
            throw new BlobStorageException($"The blob '{key}' could not be deleted.", failure);
        }
    }

    public async IAsyncEnumerable<BlobEntry> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = prefix };
        while (true)
        {
            ListObjectsV2Response page;
            try
            {
                page = await _client.ListObjectsV2Async(request, cancellationToken);
            }
            catch (Exception failure) when (IsStorageFailure(failure))
            {
                throw new BlobStorageException("The blobs could not be listed.", failure);
            }

            foreach (var item in page.S3Objects ?? [])
            {
                yield return new BlobEntry(item.Key, item.Size ?? 0, item.LastModified?.ToUniversalTime() ?? DateTime.UtcNow);
            }

            if (page.IsTruncated != true)
            {
                yield break;
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    public Uri? PresignDownload(string key, string fileName, string contentType, DateTime expiresAt) =>
        new(_client.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = _bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Protocol = _linkProtocol,
            Expires = expiresAt,
            ResponseHeaderOverrides =
            {
                ContentType = contentType,
                ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = fileName, DispositionType = "attachment" }.ToString()
            }
        }));

    public void Dispose() => _client.Dispose();

    private async Task WriteMultipartAsync(string key, MemoryStream first, Stream content, CancellationToken cancellationToken)
    {
        var upload = await _client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = _bucket, Key = key },
            cancellationToken);
        try
        {
            var parts = new List<PartETag>();
            var part = first;
            for (var number = 1; part.Length > 0; number++)
            {
                var response = await _client.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = _bucket,
                    Key = key,
                    UploadId = upload.UploadId,
                    PartNumber = number,
                    InputStream = part,
                    PartSize = part.Length,
                    UseChunkEncoding = false
                }, cancellationToken);
                parts.Add(new PartETag(number, response.ETag));
                if (part != first)
                {
                    await part.DisposeAsync();
                }

                part = await ReadPartAsync(content, cancellationToken);
            }

            await _client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = _bucket,
                Key = key,
                UploadId = upload.UploadId,
                PartETags = parts
            }, cancellationToken);
        }
        catch
        {
            using var abort = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _client.AbortMultipartUploadAsync(_bucket, key, upload.UploadId, abort.Token);
            }
            catch (Exception failure) when (IsStorageFailure(failure) || failure is OperationCanceledException)
            {
                // An upload left open is removed by the bucket's lifecycle rule for incomplete uploads.
            }

            throw;
        }
    }

    private static async Task<MemoryStream> ReadPartAsync(Stream content, CancellationToken cancellationToken)
    {
        var buffer = new byte[PartSize];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await content.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return new MemoryStream(buffer, 0, filled, writable: false);
    }

    private static bool IsStorageFailure(Exception failure) =>
        failure is AmazonServiceException or AmazonClientException or HttpRequestException or IOException
        || (failure is OperationCanceledException && failure.InnerException is TimeoutException);
}
