using System.Diagnostics;
using System.Text.Json.Nodes;
using Messaging.Attachment.Events;
using Messaging.BackgroundJobs;
using Messaging.EventBus;
using Messaging.ExceptionHandling;
using Messaging.MultiTenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Attachment;

/// <summary>
/// One processing round: claims due jobs across tenants, highest priority first and oldest first within a priority, and
/// processes them concurrently, each in its tenant and by the first processor that handles its type. Every step commits
/// with its progress event: Processing at 20 %, 50 % once the processor is done, 90 % once the result is compressed,
/// then Completed at 100 % with the result (seed property 12). A result whose save the database refused is kept in
/// <see cref="AttachmentResultStash"/> and saved by the worker that takes the job over (seed property 33). Only the claim's holder can commit a step, so a job is
/// completed once even when a worker that died mid-job is taken over after its lease. A failed attempt is retried with
/// backoff until <see cref="AttachmentOptions.MaxAttempts"/>, then Failed for good; content no processor can read fails at once.
/// </summary>
public sealed partial class AttachmentProcessing(
    IServiceScopeFactory scopeFactory,
    ICurrentTenant currentTenant,
    IEnumerable<IAttachmentProcessor> processors,
    BlobStorage blobs,
    AttachmentResultStash stash,
    AttachmentMetrics metrics,
    IOptionsMonitor<AttachmentOptions> options,
    TimeProvider clock,
    ILogger<AttachmentProcessing> logger)
{
    private readonly IReadOnlyList<IAttachmentProcessor> _processors = processors.ToList();

    /// <returns>How many jobs the round claimed.</returns>
    public async Task<int> ProcessOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        IReadOnlyList<ClaimedAttachment> claimed;
        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IAttachmentQueueStore>();
            claimed = await store.ClaimDueAsync(settings.BatchSize, settings.ClaimDuration, cancellationToken);
            metrics.QueueMeasured((await store.MeasureAsync(cancellationToken)).Depths);
        }

        try
        {
            await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = settings.BatchSize, CancellationToken = cancellationToken },
                async (one, token) => await ProcessAsync(one, settings, token));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && claimed.Count > 0)
        {
            await ReleaseAsync(claimed[0].ClaimToken);
            throw;
        }

        return claimed.Count;
    }

    /// <summary>The processor for a content type: the first registered one that handles it.</summary>
    public IAttachmentProcessor? ProcessorFor(string contentType) => _processors.FirstOrDefault(p => p.Handles(contentType));

    private async Task ProcessAsync(ClaimedAttachment claimed, AttachmentOptions settings, CancellationToken cancellationToken)
    {
        using var tenant = currentTenant.Change(claimed.TenantId);
        var started = Stopwatch.GetTimestamp();
        string? storageKey = null, contentType = null, processorName = null;
        var stepped = await StepAsync(claimed, job =>
        {
            var processor = ProcessorFor(job.ContentType);
            (storageKey, contentType, processorName) = (job.StorageKey, job.ContentType, processor?.Name ?? "none");
            var old = job.Status;
            job.Start(processorName, clock.GetUtcNow().UtcDateTime);
            LogStateChange(logger, job.Id, job.TenantId, old, job.Status, job.Progress);
            return true;
        }, cancellationToken);
        if (!stepped)
        {
            return;
        }

        try
        {
            var compressed = await stash.FindAsync(claimed.Id, cancellationToken);
            if (compressed is null)
            {
                var processor = ProcessorFor(contentType!) ?? throw new AttachmentContentException($"No processor handles {contentType}.");
                JsonObject result;
                using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    timeout.CancelAfter(settings.ProcessingTimeout);
                    await using var content = await blobs.OpenReadAsync(storageKey!, timeout.Token);
                    result = await processor.ProcessAsync(content, contentType!, timeout.Token);
                }

                await AdvanceAsync(claimed, 50, cancellationToken);
                compressed = AttachmentResultCodec.Compress(result);
                await AdvanceAsync(claimed, 90, cancellationToken);
            }
            else
            {
                LogResultFound(logger, claimed.Id, claimed.TenantId);
            }

            if (!await CompleteAsync(claimed, compressed, processorName!, cancellationToken))
            {
                return;
            }

            await stash.ForgetAsync(claimed.Id, cancellationToken);
            metrics.Processed(processorName!, completed: true, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested && failure is not ConcurrencyConflictException)
        {
            await FailAsync(claimed, failure, processorName!, Stopwatch.GetElapsedTime(started), settings, cancellationToken);
        }
    }

    /// <summary>
    /// Saves the result; when the database refuses the save, keeps the result in the stash (seed property 33) and leaves
    /// the job claimed, so the worker that takes it over after the lease saves it without processing again.
    /// </summary>
    /// <returns>Whether the job is now Completed by this worker.</returns>
    private async Task<bool> CompleteAsync(ClaimedAttachment claimed, byte[] compressed, string processorName, CancellationToken cancellationToken)
    {
        try
        {
            return await StepAsync(claimed, job =>
            {
                job.Complete(compressed, clock.GetUtcNow().UtcDateTime);
                LogStateChange(logger, job.Id, job.TenantId, AttachmentStatus.Processing, job.Status, job.Progress);
                LogCompleted(logger, job.Id, job.TenantId, processorName, job.ProcessingTime?.TotalMilliseconds ?? 0);
                return true;
            }, cancellationToken);
        }
        catch (Exception refused) when (!cancellationToken.IsCancellationRequested)
        {
            await stash.KeepAsync(claimed.Id, compressed, cancellationToken);
            LogResultKept(logger, refused, claimed.Id, claimed.TenantId);
            return false;
        }
    }

    private async Task FailAsync(ClaimedAttachment claimed, Exception failure, string processorName, TimeSpan duration, AttachmentOptions settings,
        CancellationToken cancellationToken)
    {
        var permanent = failure is AttachmentContentException;
        var error = failure switch
        {
            AttachmentContentException content => content.Message,
            OperationCanceledException => $"Processing took longer than {settings.ProcessingTimeout.TotalSeconds:0} s.",
            BlobNotFoundException => "The file is no longer in storage.",
            _ => "Processing failed unexpectedly; the error is in the service's log."
        };
        await StepAsync(claimed, job =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var lastAttempt = permanent || job.RetryCount + 1 >= settings.MaxAttempts;
            DateTime? retryAt = lastAttempt
                ? null
                : now + RetryBackoff.After(job.RetryCount + 1, settings.FirstRetryDelay, settings.MaxRetryDelay, Random.Shared.NextDouble());
            job.RecordFailure(error, retryAt, now);
            if (lastAttempt)
            {
                LogFailed(logger, failure, job.Id, job.TenantId, job.RetryCount, processorName);
                metrics.Processed(processorName, completed: false, duration);
            }
            else
            {
                LogRetrying(logger, failure, job.Id, job.TenantId, job.RetryCount, retryAt!.Value);
                metrics.Retried(processorName, duration);
            }

            LogStateChange(logger, job.Id, job.TenantId, AttachmentStatus.Processing, job.Status, job.Progress);
            return true;
        }, cancellationToken);
    }

    private Task AdvanceAsync(ClaimedAttachment claimed, int percent, CancellationToken cancellationToken) =>
        StepAsync(claimed, job =>
        {
            job.Advance(percent);
            return true;
        }, cancellationToken);

    /// <summary>Applies one change to the job while its claim is still this worker's, with its progress event, in one transaction.</summary>
    /// <returns>False when the claim was lost (another worker took the job over).</returns>
    private async Task<bool> StepAsync(ClaimedAttachment claimed, Func<AttachmentJob, bool> change, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var store = services.GetRequiredService<IAttachmentQueueStore>();
        var eventBus = services.GetRequiredService<IDistributedEventBus>();
        try
        {
            return await services.GetRequiredService<IUnitOfWork>().RunAsync(async token =>
            {
                var job = await store.FindClaimedAsync(claimed, token);
                if (job is null || !change(job))
                {
                    return false;
                }

                await eventBus.PublishAsync(new AttachmentProgressChangedEto(job.Id, job.Progress, job.Status,
                    job.Status == AttachmentStatus.Failed ? job.Error : null) { TenantId = job.TenantId }, token);
                return true;
            }, cancellationToken);
        }
        catch (ConcurrencyConflictException conflict)
        {
            LogLostClaim(logger, conflict, claimed.Id, claimed.TenantId);
            return false;
        }
    }

    private async Task ReleaseAsync(Guid claimToken)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await using var scope = scopeFactory.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IAttachmentQueueStore>().ReleaseAsync(claimToken, timeout.Token);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            // The lease still ends; the jobs are taken up after it.
            LogReleaseFailed(logger, failure);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Attachment {AttachmentId} of tenant {TenantId}: {OldStatus} -> {NewStatus} ({Progress} %)")]
    private static partial void LogStateChange(ILogger logger, Guid attachmentId, Guid tenantId, AttachmentStatus oldStatus, AttachmentStatus newStatus, int progress);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attachment {AttachmentId} of tenant {TenantId} processed by {Processor} in {ProcessingMs} ms")]
    private static partial void LogCompleted(ILogger logger, Guid attachmentId, Guid tenantId, string processor, double processingMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attachment {AttachmentId} of tenant {TenantId} failed attempt {Attempt}; due again at {RetryAt:o}")]
    private static partial void LogRetrying(ILogger logger, Exception exception, Guid attachmentId, Guid tenantId, int attempt, DateTime retryAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Attachment {AttachmentId} of tenant {TenantId} failed for good after {Attempts} attempts ({Processor})")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid attachmentId, Guid tenantId, int attempts, string processor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attachment {AttachmentId} of tenant {TenantId} was taken over by another worker; its claim had ended")]
    private static partial void LogLostClaim(ILogger logger, Exception exception, Guid attachmentId, Guid tenantId);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "The result of attachment {AttachmentId} of tenant {TenantId} could not be saved; it is kept for the worker that takes the job over")]
    private static partial void LogResultKept(ILogger logger, Exception exception, Guid attachmentId, Guid tenantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attachment {AttachmentId} of tenant {TenantId}: saving the result kept after a failed save")]
    private static partial void LogResultFound(ILogger logger, Guid attachmentId, Guid tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping: the claimed attachment jobs could not be released; they are taken up after their lease")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);
}
