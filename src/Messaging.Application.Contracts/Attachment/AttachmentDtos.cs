using System.Text.Json.Nodes;
using Messaging.Dtos;

namespace Messaging.Attachment;

/// <summary>
/// One file being uploaded: its content is read once, as it arrives, and never held whole in memory.
/// <paramref name="Priority"/> may only lower the tier's priority.
/// </summary>
public sealed record AttachmentUpload(string FileName, string? DeclaredContentType, Stream Content, int? Priority);

public sealed record AttachmentAcceptedDto(Guid AttachmentId, AttachmentStatus Status);

/// <summary>One step of an attachment's way to its result, as its event stream carries it (<c>event: progress</c>).</summary>
public sealed record AttachmentProgressDto(Guid AttachmentId, int Percent, AttachmentStatus Status, string? Error);

/// <param name="ProcessingTimeMs">From the start of the last attempt to completion; null until finished.</param>
/// <param name="Result">The processor's result, once Completed.</param>
/// <param name="Error">Why the last attempt failed (for Failed, why it failed for good).</param>
public sealed record AttachmentDto(
    Guid Id,
    string FileName,
    long Size,
    string ContentType,
    string Sha256,
    AttachmentStatus Status,
    int Progress,
    int Priority,
    int RetryCount,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? CompletedAt,
    long? ProcessingTimeMs,
    string? Processor,
    JsonObject? Result,
    string? Error);

/// <summary>A page of the tenant's attachments, newest first; pass <paramref name="NextCursor"/> for the next page (null at the end).</summary>
public sealed record AttachmentPageDto(IReadOnlyList<AttachmentSummaryDto> Items, string? NextCursor);

public sealed record AttachmentSummaryDto(Guid Id, string FileName, long Size, string ContentType, AttachmentStatus Status, int Progress,
    int Priority, DateTime CreatedAt, DateTime? CompletedAt);

public sealed record AttachmentListQuery(AttachmentStatus? Status, string? ContentType, DateTime? CreatedFrom, DateTime? CreatedBefore,
    string? Cursor, int? PageSize);

/// <summary>A link that downloads the file without credentials until <paramref name="ExpiresAt"/>.</summary>
public sealed record AttachmentDownloadLinkDto(Uri Url, DateTime ExpiresAt);

public sealed record AttachmentAuditEntryDto(Guid Id, AttachmentAuditAction Action, Guid? AttachmentId, Guid? ActorId, string? ActorName,
    bool Succeeded, string? Detail, DateTime At);

public sealed record AttachmentAuditQuery(AttachmentAuditAction? Action, Guid? AttachmentId, DateTime? From, DateTime? Before, int? SkipCount,
    int? MaxResultCount);

/// <summary>What one sweep found and did.</summary>
public sealed record AttachmentSweepReportDto(int BlobsListed, int OrphansFound, int OrphansDeleted, int TombstonesFinished, int TombstonesLeft,
    DateTime FinishedAt);

/// <summary>Content the host streams to a holder of a valid signed link.</summary>
public sealed record AttachmentContent(Stream Content, string FileName, string ContentType, long Size);

public interface IAttachmentAppService
{
    Task<AttachmentAcceptedDto> UploadAsync(AttachmentUpload upload, CancellationToken cancellationToken = default);

    Task<AttachmentDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    Task<AttachmentPageDto> ListAsync(AttachmentListQuery query, CancellationToken cancellationToken = default);

    /// <param name="linkBase">Where the host serves signed downloads, for stores that do not serve them themselves.</param>
    Task<AttachmentDownloadLinkDto> GetDownloadLinkAsync(Guid id, int? expiresInSeconds, Uri linkBase, CancellationToken cancellationToken = default);

    /// <summary>The content a signed link names; 403 for a link that was changed or has expired.</summary>
    Task<AttachmentContent> OpenSignedAsync(Guid id, string token, CancellationToken cancellationToken = default);

    Task DeleteAsync(Guid id, CancellationToken cancellationToken = default);

    Task<PagedResultDto<AttachmentAuditEntryDto>> ListAuditAsync(AttachmentAuditQuery query, CancellationToken cancellationToken = default);
}

/// <summary>The host admin's: the orphan sweep on demand.</summary>
public interface IAttachmentSweepAppService
{
    Task<AttachmentSweepReportDto> SweepAsync(CancellationToken cancellationToken = default);
}
