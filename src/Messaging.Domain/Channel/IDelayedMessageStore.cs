namespace Messaging.Channel;

/// <summary>A due delayed message claimed by one worker until its lease ends.</summary>
public sealed record ClaimedDelayedMessage(Guid Id, Guid TenantId, Guid ChannelId, Guid ClaimToken);

/// <summary>How many delayed messages wait: in all, for the busiest tenant and per tenant on average.</summary>
public sealed record DelayedQueueSize(long Waiting, long MaxPerTenant, double AveragePerTenant);

/// <summary>
/// Delayed messages and each tenant's count of waiting ones. The count is reserved in the transaction that stores a
/// message (a conditional update under the database's row lock), so concurrent posts cannot pass the cap together.
/// </summary>
public interface IDelayedMessageStore
{
    void Add(DelayedMessage message);

    Task<DelayedMessage?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A page of the current tenant's delayed messages of one channel in due order, and how many match in all.</summary>
    Task<(long TotalCount, IReadOnlyList<DelayedMessage> Items)> ListAsync(Guid channelId, DelayedMessageStatus? status, int skip, int take,
        CancellationToken cancellationToken);

    /// <summary>Takes one of the current tenant's <paramref name="cap"/> places; false when all are taken.</summary>
    Task<bool> TryReserveAsync(Guid tenantId, int cap, CancellationToken cancellationToken);

    /// <summary>Gives places back when waiting messages are delivered, cancelled or expire.</summary>
    Task ReleaseAsync(Guid tenantId, int count, CancellationToken cancellationToken);

    Task<IReadOnlyList<ClaimedDelayedMessage>> ClaimDueAsync(int maxCount, TimeSpan claimFor, CancellationToken cancellationToken);

    /// <summary>The claimed messages still held under their claim and waiting, tracked, in due order.</summary>
    Task<IReadOnlyList<DelayedMessage>> FindClaimedAsync(IReadOnlyCollection<ClaimedDelayedMessage> claimed, CancellationToken cancellationToken);

    /// <summary>Gives up what is still claimed under <paramref name="claimToken"/> (a stopping worker).</summary>
    Task<int> ReleaseClaimsAsync(Guid claimToken, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="maxCount"/> delivered, cancelled or expired messages finished before the cutoff, across tenants.</summary>
    Task<int> DeleteFinishedBeforeAsync(DateTime finishedBefore, int maxCount, CancellationToken cancellationToken);

    Task<DelayedQueueSize> MeasureAsync(CancellationToken cancellationToken);
}
