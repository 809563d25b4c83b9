using Messaging.ExceptionHandling;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore;

/// <summary>
/// A transaction around the work and one save. A save that loses a race (a unique key taken, a concurrency token that
/// moved) surfaces as <see cref="ConcurrencyConflictException"/>, which callers above EF Core can recognise and retry.
/// Work run inside another unit of work of the same scope (an event handler calling a module's contract that runs its
/// own) joins that transaction: it is saved at once, but committed, and its <see cref="OnCommitted"/> actions run, only
/// with the outer work.
/// </summary>
public sealed class EfCoreUnitOfWork(MessagingDbContext db) : IUnitOfWork
{
    private readonly List<Action> _onCommitted = [];

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            var joined = await work(cancellationToken);
            await SaveAsync(cancellationToken);
            return joined;
        }

        var strategy = db.Database.CreateExecutionStrategy();
        var result = await strategy.ExecuteAsync(async token =>
        {
            // A retried attempt starts over: what the failed attempt registered belongs to work that never committed.
            _onCommitted.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var result = await work(token);
            await SaveAsync(token);
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

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException || UniqueViolation.IsUniqueViolation(exception))
        {
            db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException("Another writer changed the same data first.", exception);
        }
    }
}
