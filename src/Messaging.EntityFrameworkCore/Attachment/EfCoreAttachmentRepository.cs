using Messaging.Attachment;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.Attachment;

public sealed class EfCoreAttachmentRepository(MessagingDbContext db) : IAttachmentRepository
{
    private DbSet<AttachmentJob> Jobs => db.Set<AttachmentJob>();

    public Task<AttachmentJob?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        Jobs.FirstOrDefaultAsync(j => j.Id == id, cancellationToken);

    public async Task AddAsync(AttachmentJob job, CancellationToken cancellationToken) => await Jobs.AddAsync(job, cancellationToken);

    public void Remove(AttachmentJob job) => Jobs.Remove(job);

    public async Task<IReadOnlyList<AttachmentJob>> ListAsync(AttachmentFilter filter, AttachmentPosition? after, int count,
        CancellationToken cancellationToken)
    {
        var query = Jobs.AsNoTracking();
        if (filter.Status is { } status)
        {
            query = query.Where(j => j.Status == status);
        }

        if (filter.ContentType is { } contentType)
        {
            query = query.Where(j => j.ContentType == contentType);
        }

        if (filter.CreatedFrom is { } from)
        {
            query = query.Where(j => j.CreatedAt >= from);
        }

        if (filter.CreatedBefore is { } before)
        {
            query = query.Where(j => j.CreatedAt < before);
        }

        if (after is { } position)
        {
            // The first condition is implied by the second but bounds the index range.
            query = query.Where(j => j.CreatedAt <= position.CreatedAt && (j.CreatedAt < position.CreatedAt || j.Id.CompareTo(position.Id) < 0));
        }

        return await query.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).Take(count).ToListAsync(cancellationToken);
    }

    public async Task AddTombstoneAsync(AttachmentTombstone tombstone, CancellationToken cancellationToken) =>
        await db.Set<AttachmentTombstone>().AddAsync(tombstone, cancellationToken);

    public async Task AddAuditAsync(AttachmentAuditEntry entry, CancellationToken cancellationToken) =>
        await db.Set<AttachmentAuditEntry>().AddAsync(entry, cancellationToken);

    public async Task<(long Total, IReadOnlyList<AttachmentAuditEntry> Page)> ListAuditAsync(AuditFilter filter, int skip, int take,
        CancellationToken cancellationToken)
    {
        var query = db.Set<AttachmentAuditEntry>().AsNoTracking();
        if (filter.Action is { } action)
        {
            query = query.Where(e => e.Action == action);
        }

        if (filter.AttachmentId is { } attachmentId)
        {
            query = query.Where(e => e.AttachmentId == attachmentId);
        }

        if (filter.From is { } from)
        {
            query = query.Where(e => e.At >= from);
        }

        if (filter.Before is { } before)
        {
            query = query.Where(e => e.At < before);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var page = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return (total, page);
    }
}
