using Messaging.Authorization;
using Messaging.Dtos;
using Messaging.ExceptionHandling;
using Messaging.FlowControl;
using Messaging.ModelBinding;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Messaging.Attachment;

[ApiController]
[Route("api/app/attachment")]
[Authorize(Policy = MessagingPolicies.Tenant)]
public sealed class AttachmentController(IAttachmentAppService attachments) : ControllerBase
{
    public const string FileField = "file";
    private const int MaxSections = 16;

    /// <summary>
    /// Uploads one file (multipart/form-data, field <c>file</c>), streamed to storage as it arrives. The 202 answer means
    /// the file is stored and its job committed; processing follows. Over the tier's limit is a 413, a type the content
    /// contradicts a 422, a type the tenant may not upload a 415; storage down is a 503 with <c>Retry-After</c>.
    /// </summary>
    /// <param name="priority">A lower priority than the tier's (Premium and Enterprise 10, Basic 0); never higher.</param>
    [Authorize(Policy = AttachmentPermissions.Upload)]
    [HttpPost]
    [ShedUnderMemoryPressure]
    [DisableRequestSizeLimit]
    [StreamedFileUpload(FileField)]
    [ProducesResponseType<AttachmentAcceptedDto>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable)]
    public async Task<ActionResult<AttachmentAcceptedDto>> UploadAsync([FromQuery] int? priority, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 and <= 70 } boundary)
        {
            throw new UnsupportedMediaTypeException(AttachmentErrorCodes.NoFile, "Send the file as multipart/form-data in the field 'file'.");
        }

        var reader = new MultipartReader(boundary, Request.Body) { BodyLengthLimit = null };
        for (var sections = 0; sections < MaxSections; sections++)
        {
            var section = await ReadSectionAsync(reader, cancellationToken);
            if (section is null)
            {
                break;
            }

            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                && disposition.IsFileDisposition()
                && HeaderUtilities.RemoveQuotes(disposition.Name).Equals(FileField, StringComparison.Ordinal))
            {
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                var accepted = await attachments.UploadAsync(new AttachmentUpload(fileName, section.ContentType, section.Body, priority), cancellationToken);
                return Accepted($"/api/app/attachment/{accepted.AttachmentId}", accepted);
            }
        }

        throw new InputValidationException(new Dictionary<string, string[]> { [FileField] = ["The form has no file in the field 'file'."] });
    }

    /// <summary>The tenant's attachments, newest first, a page at a time (keyset: pass the previous page's <c>nextCursor</c>).</summary>
    [Authorize(Policy = AttachmentPermissions.Default)]
    [HttpGet]
    [ProducesResponseType<AttachmentPageDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public Task<AttachmentPageDto> ListAsync(
        [FromQuery] AttachmentStatus? status,
        [FromQuery] string? contentType,
        [FromQuery] DateTime? createdFrom,
        [FromQuery] DateTime? createdBefore,
        [FromQuery] string? cursor,
        [FromQuery] int? pageSize,
        CancellationToken cancellationToken) =>
        attachments.ListAsync(new AttachmentListQuery(status, contentType, createdFrom, createdBefore, cursor, pageSize), cancellationToken);

    /// <summary>
    /// The attachment's status, progress and, once completed, its result (or, once failed, the error), read from the cache
    /// first. Another tenant's id answers 404.
    /// </summary>
    [Authorize(Policy = AttachmentPermissions.Default)]
    [HttpGet("{id:guid}")]
    [ProducesResponseType<AttachmentDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable)]
    public Task<AttachmentDto> GetAsync(Guid id, CancellationToken cancellationToken) => attachments.GetAsync(id, cancellationToken);

    /// <summary>A link that downloads the file without credentials until it expires (default 1 hour, at most 7 days).</summary>
    [Authorize(Policy = AttachmentPermissions.Default)]
    [HttpGet("{id:guid}/download-link")]
    [ProducesResponseType<AttachmentDownloadLinkDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public Task<AttachmentDownloadLinkDto> GetDownloadLinkAsync(Guid id, [FromQuery] int? expiresInSeconds, CancellationToken cancellationToken) =>
        attachments.GetDownloadLinkAsync(id, expiresInSeconds,
            new Uri($"{Request.Scheme}://{Request.Host}{Request.PathBase}/api/app/attachment/download/"), cancellationToken);

    /// <summary>
    /// The file a signed link names, always as <c>application/octet-stream</c> to be saved (never shown by a browser); a link
    /// that was changed or has expired answers 403.
    /// </summary>
    [AllowAnonymous]
    [HttpGet("download/{id:guid}")]
    [BinaryDownload]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable)]
    public async Task<IActionResult> DownloadAsync(Guid id, [FromQuery] string? token, CancellationToken cancellationToken)
    {
        var content = await attachments.OpenSignedAsync(id, token ?? "", cancellationToken);
        Response.Headers.CacheControl = "private, no-store";
        Response.Headers.XContentTypeOptions = "nosniff";
        return File(content.Content, "application/octet-stream", content.FileName);
    }

    /// <summary>
    /// Deletes the attachment: its row at once (what storage still owes is recorded), then its file, retried; a file that
    /// cannot be deleted yet is left to the sweep. Another tenant's id, or one already deleted, answers 404.
    /// </summary>
    [Authorize(Policy = AttachmentPermissions.Delete)]
    [HttpDelete("{id:guid}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable)]
    public async Task<IActionResult> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await attachments.DeleteAsync(id, cancellationToken);
        return NoContent();
    }

    /// <summary>The tenant's attachment audit log (uploads, deletions and their outcome, orphans found), newest first.</summary>
    [Authorize(Policy = AttachmentPermissions.Default)]
    [HttpGet("audit")]
    [ProducesResponseType<PagedResultDto<AttachmentAuditEntryDto>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public Task<PagedResultDto<AttachmentAuditEntryDto>> ListAuditAsync(
        [FromQuery] AttachmentAuditAction? action,
        [FromQuery] Guid? attachmentId,
        [FromQuery] DateTime? from,
        [FromQuery] DateTime? before,
        [FromQuery] int? skipCount,
        [FromQuery] int? maxResultCount,
        CancellationToken cancellationToken) =>
        attachments.ListAuditAsync(new AttachmentAuditQuery(action, attachmentId, from, before, skipCount, maxResultCount), cancellationToken);

    private static async Task<MultipartSection?> ReadSectionAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadNextSectionAsync(cancellationToken);
        }
        catch (Exception malformed) when (malformed is InvalidDataException or IOException)
        {
            throw new InputValidationException(new Dictionary<string, string[]> { ["body"] = [$"The multipart body is malformed: {malformed.Message}"] });
        }
    }
}

[ApiController]
[Route("api/app/attachment-sweep")]
[Authorize(Policy = MessagingPolicies.HostAdmin)]
public sealed class AttachmentSweepController(IAttachmentSweepAppService sweeps) : ControllerBase
{
    /// <summary>Runs the orphan sweep now and reports what it found; 409 while another instance sweeps.</summary>
    [Authorize(Policy = AttachmentPermissions.Sweep)]
    [HttpPost]
    [ProducesResponseType<AttachmentSweepReportDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public Task<AttachmentSweepReportDto> SweepAsync(CancellationToken cancellationToken) => sweeps.SweepAsync(cancellationToken);
}
