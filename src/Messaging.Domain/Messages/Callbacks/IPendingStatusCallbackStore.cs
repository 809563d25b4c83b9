namespace Messaging.Messages.Callbacks;

/// <summary>
/// The callbacks still owed, across tenants: added in the unit of work that handles a status change, claimed by the
/// delivery worker for a lease that no other instance can take over before it ends.
/// </summary>
public interface IPendingStatusCallbackStore
{
    void Add(PendingStatusCallback callback);

    /// <summary>
    /// Claims up to <paramref name="maxCount"/> due callbacks, oldest due first, at most <paramref name="maxPerTenant"/>
    /// of one tenant, so that a tenant with a long backlog cannot fill every round.
    /// </summary>
    Task<IReadOnlyList<PendingStatusCallback>> ClaimDueAsync(int maxCount, int maxPerTenant, TimeSpan claimFor, CancellationToken cancellationToken);

    /// <summary>Deletes a callback this claim still holds.</summary>
    Task CompleteAsync(Guid id, Guid claimToken, CancellationToken cancellationToken);

    /// <summary>Counts a failed attempt, releases the claim and leaves the callback alone until <paramref name="dueAt"/>.</summary>
    Task RetryLaterAsync(Guid id, Guid claimToken, DateTime dueAt, string error, CancellationToken cancellationToken);

    Task<int> CountAsync(CancellationToken cancellationToken);
}
