namespace Messaging.EventBus;

/// <summary>The relay's view of the outbox: claims that never overlap between instances, and the results of publishing.</summary>
public interface IOutboxStore
{
    /// <summary>
    /// Claims up to <paramref name="maxCount"/> unsent, unparked events that are due (no retry pause pending), oldest
    /// first, for <paramref name="claimFor"/>.
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimAsync(int maxCount, TimeSpan claimFor, CancellationToken cancellationToken);

    Task MarkSentAsync(IReadOnlyCollection<Guid> ids, DateTime sentAt, CancellationToken cancellationToken);

    /// <summary>Counts a failed attempt of each event, releases its claim and leaves it alone until its next attempt time.</summary>
    Task ScheduleRetriesAsync(IReadOnlyCollection<RelayRetry> retries, CancellationToken cancellationToken);

    /// <summary>Counts a failed attempt and parks the event: it is relayed again only when the host admin replays it.</summary>
    Task ParkAsync(Guid id, string error, DateTime parkedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Puts an event in line again under its own id: inserts it, or makes the stored row with its id pending again if
    /// it was sent or parked. False when that row is still pending, so repeating the call adds nothing.
    /// </summary>
    Task<bool> RequeueAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <param name="NextAttemptAt">Not claimed again before then.</param>
public sealed record RelayRetry(Guid Id, string Error, DateTime NextAttemptAt);
