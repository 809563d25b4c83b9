namespace Messaging.Attachment;

/// <summary>What a list of attachments may be narrowed to.</summary>
public sealed record AttachmentFilter(AttachmentStatus? Status, string? ContentType, DateTime? CreatedFrom, DateTime? CreatedBefore);

/// <summary>A position in the newest-first order: the last (CreatedAt, Id) of the previous page.</summary>
public sealed record AttachmentPosition(DateTime CreatedAt, Guid Id);

public sealed record AuditFilter(AttachmentAuditAction? Action, Guid? AttachmentId, DateTime? From, DateTime? Before);

/// <summary>The current tenant's attachments, tombstones and audit log (the tenant query filter scopes every read).</summary>
public interface IAttachmentRepository
{
    Task<AttachmentJob?> FindAsync(Guid id, CancellationToken cancellationToken);

    Task AddAsync(AttachmentJob job, CancellationToken cancellationToken);

    void Remove(AttachmentJob job);

    /// <summary>Up to <paramref name="count"/> attachments after <paramref name="after"/>, newest first (keyset paging).</summary>
    Task<IReadOnlyList<AttachmentJob>> ListAsync(AttachmentFilter filter, AttachmentPosition? after, int count, CancellationToken cancellationToken);

    Task AddTombstoneAsync(AttachmentTombstone tombstone, CancellationToken cancellationToken);

    Task AddAuditAsync(AttachmentAuditEntry entry, CancellationToken cancellationToken);

    Task<(long Total, IReadOnlyList<AttachmentAuditEntry> Page)> ListAuditAsync(AuditFilter filter, int skip, int take, CancellationToken cancellationToken);
}
