using Messaging.ExceptionHandling;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore;

/// <summary>
/// A transaction around the work and one save. A save that loses a race (a unique key taken, a concurrency token that
/// moved) surfaces as <see cref="ConcurrencyConflictException"/>, which callers above EF Core can recognise and retry.
/// </summary>
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
            try
            {
                await db.SaveChangesAsync(token);
            }
            catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException || UniqueViolation.IsUniqueViolation(exception))
            {
                db.ChangeTracker.Clear();
                throw new ConcurrencyConflictException("Another writer changed the same data first.", exception);
            }

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
