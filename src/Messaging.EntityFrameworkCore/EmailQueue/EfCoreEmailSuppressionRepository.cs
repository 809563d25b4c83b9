using Messaging.EmailQueue;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.EmailQueue;

public sealed class EfCoreEmailSuppressionRepository(MessagingDbContext db) : IEmailSuppressionRepository
{
    private DbSet<EmailSuppression> Suppressions => db.Set<EmailSuppression>();

    public Task<bool> IsSuppressedAsync(string address, CancellationToken cancellationToken = default)
    {
        var normalized = EmailSuppression.Normalize(address);
        return Suppressions.AnyAsync(s => s.Address == normalized, cancellationToken);
    }

    public async Task AddAsync(EmailSuppression suppression, CancellationToken cancellationToken = default)
    {
        if (!Suppressions.Local.Any(s => s.Address == suppression.Address) && !await IsSuppressedAsync(suppression.Address, cancellationToken))
        {
            Suppressions.Add(suppression);
        }
    }

    public async Task<(int Total, IReadOnlyList<EmailSuppression> Page)> ListAsync(string? address, int skip, int take,
        CancellationToken cancellationToken = default)
    {
        var query = Suppressions.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(address))
        {
            var normalized = EmailSuppression.Normalize(address);
            query = query.Where(s => s.Address == normalized);
        }

        var total = await query.CountAsync(cancellationToken);
        var page = await query.OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Address).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return (total, page);
    }

    public async Task<bool> RemoveAsync(string address, CancellationToken cancellationToken = default)
    {
        var normalized = EmailSuppression.Normalize(address);
        return await Suppressions.Where(s => s.Address == normalized).ExecuteDeleteAsync(cancellationToken) > 0;
    }
}
