using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore;

public sealed class EfCoreUnitOfWork(MessagingDbContext db) : IUnitOfWork
{
    private readonly List<Action> _onCommitted = [];

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        var result = await strategy.ExecuteAsync(async token =>
        {
            // A retried attempt starts over: what the failed attempt registered belongs to work that never committed.
            _onCommitted.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var result = await work(token);
            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
            return result;
        }, cancellationToken);
        foreach (var action in _onCommitted)
        {
            action();
        }

        _onCommitted.Clear();
        return result;
    }

    public void OnCommitted(Action action) => _onCommitted.Add(action);
}
