namespace Messaging.EmailQueue;

/// <summary>A due email event claimed by one worker until its lease ends.</summary>
public sealed record ClaimedEmailEvent(Guid Id, Guid TenantId, Guid ClaimToken);

/// <summary>
/// Due email events across tenants, claimed with a lease no other instance can take over before it ends, so a worker
/// killed mid-send leaves its events to another once the lease ends and nothing is lost.
/// </summary>
public interface IEmailDeliveryStore
{
    Task<IReadOnlyList<ClaimedEmailEvent>> ClaimDueAsync(int maxCount, TimeSpan claimFor, CancellationToken cancellationToken);

    /// <summary>The claimed event, tracked for the change the unit of work saves; null once the claim is no longer held.</summary>
    Task<EmailEvent?> FindClaimedAsync(ClaimedEmailEvent claimed, CancellationToken cancellationToken);

    /// <summary>Gives up what is still claimed under <paramref name="claimToken"/> (a stopping worker), so another sends it at once.</summary>
    Task<int> ReleaseAsync(Guid claimToken, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="maxCount"/> sent or suppressed events completed before the cutoff, with their attempts.</summary>
    Task<int> DeleteFinishedBeforeAsync(DateTime completedBefore, int maxCount, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="maxCount"/> dead letters of any tenant dead-lettered before the cutoff, oldest first, with their attempts.</summary>
    Task<int> DeleteDeadLettersBeforeAsync(DateTime deadLetteredBefore, int maxCount, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="maxCount"/> of the oldest dead letters of the tenants that keep more than <paramref name="cap"/>.</summary>
    Task<int> DeleteDeadLettersBeyondCapAsync(int cap, int maxCount, CancellationToken cancellationToken);

    /// <summary>Events waiting (queued, due or scheduled) across tenants, for the queue-depth gauge and health.</summary>
    Task<(int Waiting, DateTime? OldestAcceptedAt)> MeasureAsync(CancellationToken cancellationToken);
}
