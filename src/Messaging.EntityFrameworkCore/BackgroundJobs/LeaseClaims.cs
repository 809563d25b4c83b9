using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Messaging.EntityFrameworkCore.BackgroundJobs;

/// <summary>
/// Claiming rows for a lease, as every worker that takes its work from a table does (email delivery, delayed
/// messages): the first claimable ids in order, then one conditional UPDATE setting a fresh token and the lease's end
/// on those still claimable. The database re-checks the condition under its row lock, so two instances never both win
/// a row, and a dead instance's claims end with their lease. The caller reads what it won by the token.
/// </summary>
public static class LeaseClaims
{
    /// <param name="claimable">The rows that may be claimed now (due, and unclaimed or with an ended lease).</param>
    /// <returns>The token of the rows claimed, or null when none was claimable.</returns>
    public static async Task<Guid?> ClaimAsync<TEntity, TOrder>(
        IQueryable<TEntity> claimable,
        Expression<Func<TEntity, Guid>> id,
        Expression<Func<TEntity, TOrder>> order,
        Expression<Func<TEntity, Guid?>> claimToken,
        Expression<Func<TEntity, DateTime?>> claimedUntil,
        int maxCount,
        DateTime until,
        CancellationToken cancellationToken)
    {
        var chosen = new ChosenIds(await claimable.OrderBy(order).Select(id).Take(maxCount).ToListAsync(cancellationToken));
        if (chosen.Ids.Count == 0)
        {
            return null;
        }

        var token = Guid.NewGuid();
        // chosen.Ids.Contains(id(row)), with the list read from a field so EF Core sends it as a parameter.
        var isChosen = Expression.Lambda<Func<TEntity, bool>>(
            Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(Guid)],
                Expression.Field(Expression.Constant(chosen), nameof(ChosenIds.Ids)), id.Body),
            id.Parameters);
        await claimable.Where(isChosen)
            .ExecuteUpdateAsync(set => set.SetProperty(claimedUntil, until).SetProperty(claimToken, token), cancellationToken);
        return token;
    }

    private sealed class ChosenIds(List<Guid> ids)
    {
        public readonly List<Guid> Ids = ids;
    }
}
