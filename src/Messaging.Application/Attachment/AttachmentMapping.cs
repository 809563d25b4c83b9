namespace Messaging.Attachment;

internal static class AttachmentMapping
{
    public static AttachmentDto ToDto(AttachmentJob job) => new(
        job.Id, job.FileName, job.Size, job.ContentType, job.Sha256, job.Status, job.Progress, job.Priority, job.RetryCount, job.CreatedAt,
        job.StartedAt, job.CompletedAt, job.ProcessingTime is { } time ? (long)time.TotalMilliseconds : null, job.ProcessorName,
        job is { Status: AttachmentStatus.Completed, CompressedResult: { } result } ? AttachmentResultCodec.Decompress(result) : null,
        job.Status is AttachmentStatus.Failed or AttachmentStatus.Queued ? job.Error : null);

    public static AttachmentSummaryDto ToSummary(AttachmentJob job) =>
        new(job.Id, job.FileName, job.Size, job.ContentType, job.Status, job.Progress, job.Priority, job.CreatedAt, job.CompletedAt);

    public static AttachmentAuditEntryDto ToDto(AttachmentAuditEntry entry) =>
        new(entry.Id, entry.Action, entry.AttachmentId, entry.ActorId, entry.ActorName, entry.Succeeded, entry.Detail, entry.At);
}
