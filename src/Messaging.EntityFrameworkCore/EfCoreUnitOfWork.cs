using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore;

public sealed class EfCoreUnitOfWork(MessagingDbContext db) : IUnitOfWork
{
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async token =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var result = await work(token);
            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
            return result;
        }, cancellationToken);
    }
}
