namespace Messaging.Attachment;

/// <summary>A job claimed by one worker until its lease ends.</summary>
public sealed record ClaimedAttachment(Guid Id, Guid TenantId, Guid ClaimToken);

public sealed record QueueDepth(int Priority, int Waiting);

/// <summary>
/// The processing queue across tenants: due jobs claimed highest priority first and first come first served within a
/// priority, with a lease that no other worker can take before it ends (seed properties 8 and 9). Also what the sweep
/// needs across tenants: tombstones and which storage keys still have a row.
/// </summary>
public interface IAttachmentQueueStore
{
    Task<IReadOnlyList<ClaimedAttachment>> ClaimDueAsync(int maxCount, TimeSpan claimFor, CancellationToken cancellationToken);

    /// <summary>The claimed job, tracked for the change the unit of work saves; null once the claim is no longer held.</summary>
    Task<AttachmentJob?> FindClaimedAsync(ClaimedAttachment claimed, CancellationToken cancellationToken);

    /// <summary>Renews the claim while the job runs; false when it was lost.</summary>
    Task<bool> RenewAsync(ClaimedAttachment claimed, TimeSpan claimFor, CancellationToken cancellationToken);

    /// <summary>Gives up what is still claimed under <paramref name="claimToken"/> (a stopping worker).</summary>
    Task<int> ReleaseAsync(Guid claimToken, CancellationToken cancellationToken);

    /// <summary>Jobs not yet finished, by priority, and the oldest one's creation.</summary>
    Task<(IReadOnlyList<QueueDepth> Depths, DateTime? OldestCreatedAt)> MeasureAsync(CancellationToken cancellationToken);

    /// <summary>Jobs that finished since <paramref name="since"/>, across tenants: completed, and failed for good.</summary>
    Task<(int Completed, int Failed)> OutcomesSinceAsync(DateTime since, CancellationToken cancellationToken);

    Task<IReadOnlyList<AttachmentTombstone>> PendingTombstonesAsync(int maxCount, CancellationToken cancellationToken);

    Task<AttachmentTombstone?> FindTombstoneAsync(Guid attachmentId, CancellationToken cancellationToken);

    void RemoveTombstone(AttachmentTombstone tombstone);

    /// <summary>Which of <paramref name="keys"/> a row or a tombstone still names, in any tenant.</summary>
    Task<IReadOnlySet<string>> KnownKeysAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    Task AddAuditAsync(AttachmentAuditEntry entry, CancellationToken cancellationToken);
}
