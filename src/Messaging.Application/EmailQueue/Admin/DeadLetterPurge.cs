namespace Messaging.EmailQueue.Admin;

/// <summary>Deletes the current tenant's dead letters with their attempts, a bounded batch per statement.</summary>
public sealed class DeadLetterPurge(IEmailEventRepository deadLetters, EmailQueueMetrics metrics)
{
    public const int BatchSize = 1_000;

    public async Task PurgeAsync(IReadOnlyCollection<Guid> ids, DeadLetterProgress progress, CancellationToken cancellationToken)
    {
        var purged = await deadLetters.DeleteDeadLettersAsync(ids, cancellationToken);
        progress.Add(purged);
        metrics.Purged(purged);
    }

    /// <summary>Every dead letter the filter matches that was dead-lettered before <paramref name="startedAt"/>, oldest first.</summary>
    public async Task PurgeMatchingAsync(EmailDeadLetterFilter filter, DateTime startedAt, DeadLetterProgress progress, CancellationToken cancellationToken)
    {
        var bounded = filter with { To = filter.To is { } to && to < startedAt ? to : startedAt };
        int purged;
        do
        {
            purged = await deadLetters.DeleteDeadLettersAsync(bounded, BatchSize, cancellationToken);
            progress.Add(purged);
            metrics.Purged(purged);
        }
        // A batch may delete fewer than it read when another writer got there first: only an empty one ends the purge.
        while (purged > 0);
    }
}
