using System.Runtime.ExceptionServices;
using Messaging.Attachment.Events;
using Messaging.BackgroundJobs;
using Messaging.Dtos;
using Messaging.EventBus;
using Messaging.ExceptionHandling;
using Messaging.MultiTenancy;
using Messaging.Security;
using Messaging.Users;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Attachment;

public sealed partial class AttachmentAppService(
    ICurrentTenant currentTenant,
    ICurrentUser currentUser,
    IAttachmentRepository repository,
    IUnitOfWork unitOfWork,
    IDistributedEventBus eventBus,
    IBackgroundJobManager jobs,
    BlobStorage blobs,
    AttachmentStatusCache statusCache,
    DownloadLinkSigner linkSigner,
    AttachmentQueueSignal signal,
    AttachmentMetrics metrics,
    IOptionsMonitor<AttachmentOptions> options,
    TimeProvider clock,
    ILogger<AttachmentAppService> logger) : IAttachmentAppService
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    private static readonly TimeSpan StorageRetryAfter = TimeSpan.FromSeconds(10);

    public async Task<AttachmentAcceptedDto> UploadAsync(AttachmentUpload upload, CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        var settings = options.CurrentValue;
        var priority = AttachmentPriority.For(currentTenant.Tier, upload.Priority);
        var fileName = ForeignText.Bound(Path.GetFileName(upload.FileName.Replace('\\', '/')), AttachmentConsts.MaxFileNameLength) is { Length: > 0 } name
            ? name
            : "file";

        var head = new byte[ContentSniffer.HeadLength];
        var headLength = await upload.Content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (headLength == 0)
        {
            metrics.Uploaded("empty");
            throw new UnprocessableRequestException(AttachmentErrorCodes.NoFile, "The file is empty.");
        }

        var contentType = CheckType(tenantId, upload.DeclaredContentType, head.AsSpan(0, headLength), settings);
        var limit = settings.MaxUploadBytesFor(currentTenant.Tier);
        var id = Guid.CreateVersion7();
        var key = StorageKeys.For(tenantId, id);
        using var content = new UploadStream(head.AsMemory(0, headLength), upload.Content, limit);
        try
        {
            await blobs.WriteAsync(key, content, cancellationToken);
        }
        catch (UploadTooLargeException)
        {
            metrics.Uploaded("too_large");
            throw new PayloadTooLargeException(AttachmentErrorCodes.TooLarge, $"The file is larger than {limit} bytes, the limit of this tenant's tier.");
        }
        catch (UploadReadException clientFailure)
        {
            metrics.Uploaded("client_failed");
            ExceptionDispatchInfo.Capture(clientFailure.InnerException!).Throw();
            throw;
        }
        catch (BlobStorageException unavailable)
        {
            metrics.Uploaded("storage_unavailable");
            LogStorageUnavailable(logger, unavailable, tenantId);
            throw new ServiceUnavailableException(AttachmentErrorCodes.BlobStorageUnavailable,
                "File storage is unavailable; nothing was stored. Try again shortly.", StorageRetryAfter, unavailable);
        }

        var job = AttachmentJob.Queue(id, tenantId, currentUser.Id, ActorName(), fileName, content.BytesRead, contentType, content.Sha256Hex(), key,
            priority, clock.GetUtcNow().UtcDateTime);
        try
        {
            await unitOfWork.RunAsync(async token =>
            {
                await repository.AddAsync(job, token);
                await repository.AddAuditAsync(Audit(AttachmentAuditAction.Uploaded, id, true, $"{job.Size} bytes, {contentType}"), token);
                await eventBus.PublishAsync(new AttachmentProgressChangedEto(id, 0, AttachmentStatus.Queued, null) { TenantId = tenantId }, token);
                unitOfWork.OnCommitted(signal.Notify);
                return true;
            }, cancellationToken);
        }
        catch
        {
            // Nothing was acknowledged: the blob goes too (the sweep removes it if this fails).
            await TryDeleteAsync(key);
            metrics.Uploaded("failed");
            throw;
        }

        metrics.Uploaded("accepted", job.Size);
        LogQueued(logger, id, tenantId, job.Size, contentType, priority);
        return new AttachmentAcceptedDto(id, AttachmentStatus.Queued);
    }

    public Task<AttachmentDto> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        RequireTenant();
        return statusCache.GetAsync(id, async token => AttachmentMapping.ToDto(await FindAsync(id, token)), cancellationToken);
    }

    public async Task<AttachmentPageDto> ListAsync(AttachmentListQuery query, CancellationToken cancellationToken = default)
    {
        RequireTenant();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        AttachmentPosition? after = null;
        if (query.Cursor is { } cursor && (after = AttachmentCursor.Decode(cursor)) is null)
        {
            errors["cursor"] = ["This is not a cursor of this list: pass the nextCursor of the previous page."];
        }

        var pageSize = query.PageSize ?? DefaultPageSize;
        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"The page size must be between 1 and {MaxPageSize}."];
        }

        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }

        var filter = new AttachmentFilter(query.Status, ContentSniffer.Normalize(query.ContentType), query.CreatedFrom, query.CreatedBefore);
        var rows = await repository.ListAsync(filter, after, pageSize + 1, cancellationToken);
        var page = rows.Take(pageSize).ToList();
        var next = rows.Count > pageSize ? AttachmentCursor.Encode(new AttachmentPosition(page[^1].CreatedAt, page[^1].Id)) : null;
        return new AttachmentPageDto(page.Select(AttachmentMapping.ToSummary).ToList(), next);
    }

    public async Task<AttachmentDownloadLinkDto> GetDownloadLinkAsync(Guid id, int? expiresInSeconds, Uri linkBase, CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        var lifetime = expiresInSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : options.CurrentValue.DefaultLinkLifetime;
        if (lifetime <= TimeSpan.Zero || lifetime > AttachmentConsts.MaxLinkLifetime)
        {
            throw new InputValidationException(new Dictionary<string, string[]>
            {
                ["expiresInSeconds"] = [$"A link lives between 1 second and {AttachmentConsts.MaxLinkLifetime.TotalSeconds:0} seconds (7 days)."]
            });
        }

        var job = await FindAsync(id, cancellationToken);
        var expiresAt = TruncateToSeconds(clock.GetUtcNow().UtcDateTime + lifetime);
        var presigned = blobs.Store.PresignDownload(job.StorageKey, job.FileName, job.ContentType, expiresAt);
        var url = presigned ?? new Uri(linkBase, $"{id:D}?token={Uri.EscapeDataString(linkSigner.Sign(tenantId, id, expiresAt))}");
        return new AttachmentDownloadLinkDto(url, expiresAt);
    }

    public async Task<AttachmentContent> OpenSignedAsync(Guid id, string token, CancellationToken cancellationToken = default)
    {
        var tenantId = linkSigner.Verify(id, token)
                       ?? throw new ForbiddenException("This download link is not valid or has expired.");
        using var tenant = currentTenant.Change(tenantId);
        var job = await repository.FindAsync(id, cancellationToken)
                  ?? throw new ForbiddenException("This download link is not valid or has expired.");
        try
        {
            var content = await blobs.OpenReadAsync(job.StorageKey, cancellationToken);
            return new AttachmentContent(content, job.FileName, job.ContentType, job.Size);
        }
        catch (BlobNotFoundException)
        {
            throw new EntityNotFoundException("Attachment", id);
        }
        catch (BlobStorageException unavailable)
        {
            throw new ServiceUnavailableException(AttachmentErrorCodes.BlobStorageUnavailable, "File storage is unavailable. Try again shortly.",
                StorageRetryAfter, unavailable);
        }
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var tenantId = RequireTenant();
        try
        {
            await unitOfWork.RunAsync(async token =>
            {
                var job = await FindAsync(id, token);
                repository.Remove(job);
                await repository.AddTombstoneAsync(new AttachmentTombstone(id, tenantId, job.StorageKey, clock.GetUtcNow().UtcDateTime), token);
                await repository.AddAuditAsync(Audit(AttachmentAuditAction.DeleteRequested, id, true, null), token);
                return true;
            }, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // A concurrent delete of the same attachment committed first; for this caller it is gone.
            throw new EntityNotFoundException("Attachment", id);
        }

        LogDeleted(logger, id, tenantId);
        await statusCache.EvictEverywhereAsync(id, cancellationToken);
        jobs.Enqueue<DeleteAttachmentBlobJob, DeleteAttachmentBlobArgs>(new DeleteAttachmentBlobArgs(tenantId, id));
    }

    public async Task<PagedResultDto<AttachmentAuditEntryDto>> ListAuditAsync(AttachmentAuditQuery query, CancellationToken cancellationToken = default)
    {
        RequireTenant();
        var skip = query.SkipCount ?? 0;
        var take = query.MaxResultCount ?? DefaultPageSize;
        if (skip < 0 || take is < 1 or > MaxPageSize)
        {
            throw new InputValidationException(new Dictionary<string, string[]>
            {
                [skip < 0 ? "skipCount" : "maxResultCount"] = [$"skipCount is at least 0; maxResultCount between 1 and {MaxPageSize}."]
            });
        }

        var (total, page) = await repository.ListAuditAsync(new AuditFilter(query.Action, query.AttachmentId, query.From, query.Before), skip, take,
            cancellationToken);
        return new PagedResultDto<AttachmentAuditEntryDto>(total, page.Select(AttachmentMapping.ToDto).ToList());
    }

    private string CheckType(Guid tenantId, string? declared, ReadOnlySpan<byte> head, AttachmentOptions settings)
    {
        var sniffed = ContentSniffer.Sniff(head);
        var contentType = ContentSniffer.Reconcile(declared, sniffed);
        if (contentType is null)
        {
            metrics.Uploaded("type_refused");
            throw new UnprocessableRequestException(AttachmentErrorCodes.TypeMismatch,
                $"The file was declared as {ContentSniffer.Normalize(declared)} but its content is {sniffed}.");
        }

        if (!ContentSniffer.IsAllowed(contentType, settings.AllowedContentTypesFor(tenantId)))
        {
            metrics.Uploaded("type_refused");
            throw new UnsupportedMediaTypeException(AttachmentErrorCodes.TypeNotAllowed, $"Files of type {contentType} are not allowed for this tenant.");
        }

        return contentType;
    }

    private async Task<AttachmentJob> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await repository.FindAsync(id, cancellationToken) ?? throw new EntityNotFoundException("Attachment", id);

    private AttachmentAuditEntry Audit(AttachmentAuditAction action, Guid attachmentId, bool succeeded, string? detail) =>
        new(currentTenant.Id!.Value, action, attachmentId, currentUser.Id, ActorName(), succeeded, detail, clock.GetUtcNow().UtcDateTime);

    private string? ActorName() => ForeignText.Bound(currentUser.Name, AttachmentConsts.MaxActorNameLength);

    private async Task TryDeleteAsync(string key)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await blobs.DeleteAsync(key, timeout.Token);
        }
        catch (Exception failure) when (failure is BlobStorageException or OperationCanceledException)
        {
            LogOrphanLeft(logger, failure, key);
        }
    }

    private static DateTime TruncateToSeconds(DateTime time) => new(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    private Guid RequireTenant() =>
        currentTenant.Id ?? throw new ForbiddenException("Attachments belong to tenants: call with a tenant's API key.");

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Attachment {AttachmentId} of tenant {TenantId} queued: {Size} bytes of {ContentType} at priority {Priority}")]
    private static partial void LogQueued(ILogger logger, Guid attachmentId, Guid tenantId, long size, string contentType, int priority);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An upload of tenant {TenantId} was refused: file storage is unavailable")]
    private static partial void LogStorageUnavailable(ILogger logger, Exception exception, Guid tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The blob {StorageKey} of an upload that was not stored stays behind for the sweep")]
    private static partial void LogOrphanLeft(ILogger logger, Exception exception, string storageKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attachment {AttachmentId} of tenant {TenantId} deleted; its blob follows")]
    private static partial void LogDeleted(ILogger logger, Guid attachmentId, Guid tenantId);
}
