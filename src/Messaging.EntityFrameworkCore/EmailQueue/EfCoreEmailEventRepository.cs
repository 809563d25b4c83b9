using Messaging.EmailQueue;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.EmailQueue;

public sealed class EfCoreEmailEventRepository(MessagingDbContext db) : IEmailEventRepository
{
    private DbSet<EmailEvent> Events => db.Set<EmailEvent>();

    public void Add(EmailEvent emailEvent) => Events.Add(emailEvent);

    public Task<EmailEvent?> FindByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken = default) =>
        Events.AsNoTracking().FirstOrDefaultAsync(e => e.IdempotencyKey == idempotencyKey, cancellationToken);

    public Task<EmailEvent?> FindWithAttemptsAsync(Guid id, CancellationToken cancellationToken = default) =>
        Events.AsNoTracking().Include(e => e.Attempts).FirstOrDefaultAsync(e => e.Id == id, cancellationToken);

    public Task<EmailEvent?> FindForUpdateAsync(Guid id, CancellationToken cancellationToken = default) =>
        Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
}
