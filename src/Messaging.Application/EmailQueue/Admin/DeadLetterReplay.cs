using Messaging.ExceptionHandling;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.EmailQueue.Admin;

/// <summary>How far a replay or purge of many dead letters got, readable after a failure part-way for its audit record.</summary>
public sealed class DeadLetterProgress
{
    public int Count { get; private set; }

    public DateTime? LastDueAt { get; private set; }

    public void Add(int count, DateTime? lastDueAt = null)
    {
        Count += count;
        LastDueAt = lastDueAt ?? LastDueAt;
    }
}

/// <summary>
/// Queues the current tenant's dead letters again, paced (<see cref="ReplayPace"/>), a batch at a time: each batch is
/// read, replayed and committed in a scope of its own, so a replay of any size holds one batch in memory and commits as
/// it goes.
/// </summary>
public sealed class DeadLetterReplay(IServiceScopeFactory scopes, EmailQueueSignal signal, EmailQueueMetrics metrics)
{
    public const int BatchSize = 500;

    // A batch loses its save when an event in it changed meanwhile (a purge, the retention sweep); read again, the
    // batch no longer holds that event.
    private const int AttemptsPerBatch = 3;

    /// <summary>The named dead letters, in the order named; ids of other tenants or events are skipped.</summary>
    public Task ReplayAsync(IReadOnlyList<Guid> ids, ReplayPace pace, DeadLetterProgress progress, CancellationToken cancellationToken) =>
        ReplayBatchAsync(async (deadLetters, token) =>
        {
            var found = await deadLetters.FindDeadLettersForUpdateAsync(ids, token);
            var position = ids.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index);
            return found.OrderBy(e => position[e.Id]).ToList();
        }, pace, progress, cancellationToken);

    /// <summary>
    /// Every dead letter the filter matches, oldest first. Only those dead-lettered before the replay began are taken, so
    /// an event it queues that fails again meanwhile is not replayed twice.
    /// </summary>
    public async Task ReplayMatchingAsync(EmailDeadLetterFilter filter, ReplayPace pace, DeadLetterProgress progress, CancellationToken cancellationToken)
    {
        var bounded = filter with { To = filter.To is { } to && to < pace.Start ? to : pace.Start };
        int replayed;
        do
        {
            replayed = await ReplayBatchAsync((deadLetters, token) => deadLetters.FindDeadLettersForUpdateAsync(bounded, BatchSize, token),
                pace, progress, cancellationToken);
        }
        while (replayed == BatchSize);
    }

    private async Task<int> ReplayBatchAsync(Func<IEmailEventRepository, CancellationToken, Task<IReadOnlyList<EmailEvent>>> read, ReplayPace pace,
        DeadLetterProgress progress, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
            var deadLetters = scope.ServiceProvider.GetRequiredService<IEmailEventRepository>();
            try
            {
                var (count, lastDueAt) = await unitOfWork.RunAsync(async token =>
                {
                    var batch = await read(deadLetters, token);
                    DateTime? last = null;
                    var replayed = 0;
                    foreach (var deadLetter in batch)
                    {
                        var dueAt = pace.DueAt(progress.Count + replayed);
                        if (deadLetter.Replay(dueAt))
                        {
                            replayed++;
                            last = dueAt;
                        }
                    }

                    unitOfWork.OnCommitted(signal.Notify);
                    return (replayed, last);
                }, cancellationToken);
                progress.Add(count, lastDueAt);
                metrics.Replayed(count);
                return count;
            }
            catch (ConcurrencyConflictException) when (attempt < AttemptsPerBatch)
            {
            }
        }
    }
}
