using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Messaging.Attachment;

/// <summary>
/// Finishes a deletion: deletes the blob a tombstone names, retrying after 1, 2 and 4 s (seed 004 3.3), then removes the
/// tombstone. A blob that still cannot be deleted keeps its tombstone, with the failure, for the sweep. Each attempt's
/// end is in the tenant's audit log.
/// </summary>
public sealed partial class BlobDeletion(
    IServiceScopeFactory scopeFactory,
    IBlobStore store,
    IOptionsMonitor<AttachmentOptions> options,
    TimeProvider clock,
    ILogger<BlobDeletion> logger)
{
    /// <returns>Whether the blob is gone and the tombstone removed.</returns>
    public async Task<bool> FinishAsync(AttachmentTombstone tombstone, bool retry, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            await Pipeline(retry, tombstone).ExecuteAsync(async token => await store.DeleteAsync(tombstone.StorageKey, token), cancellationToken);
        }
        catch (BlobStorageException failed)
        {
            failure = failed;
            LogDeleteFailed(logger, failed, tombstone.AttachmentId, tombstone.TenantId);
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<IAttachmentQueueStore>();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        await unitOfWork.RunAsync(async token =>
        {
            var stored = await queue.FindTombstoneAsync(tombstone.AttachmentId, token);
            if (stored is null)
            {
                return false;
            }

            if (failure is null)
            {
                queue.RemoveTombstone(stored);
            }
            else
            {
                stored.RecordFailure(Bounded(failure.Message));
            }

            await queue.AddAuditAsync(new AttachmentAuditEntry(stored.TenantId,
                failure is null ? AttachmentAuditAction.BlobDeleted : AttachmentAuditAction.BlobDeleteFailed,
                stored.AttachmentId, null, null, failure is null, failure is null ? null : Bounded(failure.Message), clock.GetUtcNow().UtcDateTime), token);
            return true;
        }, cancellationToken);
        return failure is null;
    }

    private ResiliencePipeline Pipeline(bool retry, AttachmentTombstone tombstone)
    {
        var delays = options.CurrentValue.EffectiveBlobDeleteRetryDelays;
        if (!retry || delays.Count == 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = delays.Count,
            ShouldHandle = new PredicateBuilder().Handle<BlobStorageException>(),
            DelayGenerator = arguments => ValueTask.FromResult<TimeSpan?>(delays[Math.Min(arguments.AttemptNumber, delays.Count - 1)]),
            OnRetry = arguments =>
            {
                LogRetrying(logger, tombstone.AttachmentId, tombstone.TenantId, arguments.AttemptNumber + 1, arguments.RetryDelay.TotalSeconds);
                return ValueTask.CompletedTask;
            }
        }).Build();
    }

    private static string Bounded(string text) => text.Length <= AttachmentConsts.MaxAuditDetailLength ? text : text[..AttachmentConsts.MaxAuditDetailLength];

    [LoggerMessage(Level = LogLevel.Warning, Message = "The blob of deleted attachment {AttachmentId} of tenant {TenantId} could not be deleted; the sweep tries again")]
    private static partial void LogDeleteFailed(ILogger logger, Exception exception, Guid attachmentId, Guid tenantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleting the blob of attachment {AttachmentId} of tenant {TenantId} failed; attempt {Attempt} in {DelaySeconds} s")]
    private static partial void LogRetrying(ILogger logger, Guid attachmentId, Guid tenantId, int attempt, double delaySeconds);
}
