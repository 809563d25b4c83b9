namespace Messaging.EventBus;

/// <summary>The relay's view of the outbox: claims that never overlap between instances, and the results of publishing.</summary>
public interface IOutboxStore
{
    /// <summary>Claims up to <paramref name="maxCount"/> unsent events, oldest first, for <paramref name="claimFor"/>.</summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimAsync(int maxCount, TimeSpan claimFor, CancellationToken cancellationToken);

    /// <summary>Gives claimed events back at once, when the transport could not even be reached.</summary>
    Task ReleaseAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    Task MarkSentAsync(IReadOnlyCollection<Guid> ids, DateTime sentAt, CancellationToken cancellationToken);

    /// <summary>Counts a failed attempt, releases the claim, and parks the event once it reached <paramref name="maxAttempts"/>.</summary>
    Task RecordFailureAsync(Guid id, string error, int maxAttempts, DateTime failedAt, CancellationToken cancellationToken);
}
