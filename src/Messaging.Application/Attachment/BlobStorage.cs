using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Messaging.Attachment;

/// <summary>
/// The blob store with retries (Polly): each operation that failed is tried again with exponential backoff, up to
/// <see cref="BlobStorageOptions.WriteAttempts"/> in all (seed 2.2: three retries). A write is repeated only while storage
/// has read nothing of the upload: the request's body cannot be read twice.
/// </summary>
public sealed partial class BlobStorage
{
    private readonly IBlobStore _store;
    private readonly AttachmentMetrics _metrics;
    private readonly ResiliencePipeline _pipeline;

    public BlobStorage(IBlobStore store, IOptions<BlobStorageOptions> options, AttachmentMetrics metrics, ILogger<BlobStorage> logger)
    {
        _store = store;
        _metrics = metrics;
        var settings = options.Value;
        _pipeline = settings.WriteAttempts <= 1
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.WriteAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                ShouldHandle = new PredicateBuilder().Handle<BlobStorageException>(failure => failure is not BlobNotFoundException),
                OnRetry = retry =>
                {
                    metrics.StorageRetried();
                    LogRetry(logger, retry.Outcome.Exception, retry.AttemptNumber + 1, retry.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                }
            }).Build();
    }

    public IBlobStore Store => _store;

    public async Task WriteAsync(string key, UploadStream content, CancellationToken cancellationToken)
    {
        try
        {
            await _pipeline.ExecuteAsync(async token =>
            {
                try
                {
                    await _store.WriteAsync(key, content, token);
                }
                catch (BlobStorageException failure) when (content.Started)
                {
                    throw new UnrepeatableWriteException(failure);
                }
            }, cancellationToken);
        }
        catch (UnrepeatableWriteException unrepeatable)
        {
            ExceptionDispatchInfo.Capture(unrepeatable.InnerException!).Throw();
        }
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(async token => await _store.OpenReadAsync(key, token), cancellationToken).AsTask();

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(async token => await _store.DeleteAsync(key, token), cancellationToken).AsTask();

    [LoggerMessage(Level = LogLevel.Warning, Message = "A blob storage operation failed; attempt {Attempt} follows in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, Exception? exception, int attempt, double delayMs);

    /// <summary>Storage read part of the body before failing: the retry strategy must let this one through.</summary>
    private sealed class UnrepeatableWriteException(BlobStorageException inner) : Exception(inner.Message, inner);
}
