using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore;

/// <summary>
/// Deletes the oldest rows of a query a bounded batch at a time, for the clean-up jobs that trim a table without holding
/// it. The batch's ids are read first: PostgreSQL plans <c>DELETE ... WHERE Id IN (subquery)</c> as a scan of the whole
/// table, but a list of ids as look-ups by the key.
/// </summary>
internal static class BatchDeletion
{
    /// <summary>
    /// Deletes up to <paramref name="maxCount"/> of the rows <paramref name="selection"/> selects, oldest first, from
    /// <paramref name="table"/> by their ids alone (a condition beside the ids would let PostgreSQL scan its index instead).
    /// </summary>
    public static async Task<int> DeleteOldestAsync<TEntity, TAge>(this IQueryable<TEntity> selection, IQueryable<TEntity> table,
        Expression<Func<TEntity, TAge>> age, int maxCount, CancellationToken cancellationToken)
        where TEntity : class
    {
        var batch = await selection.OrderBy(age).Select(row => EF.Property<Guid>(row, "Id")).Take(maxCount).ToListAsync(cancellationToken);
        return batch.Count == 0
            ? 0
            : await table.Where(row => batch.Contains(EF.Property<Guid>(row, "Id"))).ExecuteDeleteAsync(cancellationToken);
    }
}
