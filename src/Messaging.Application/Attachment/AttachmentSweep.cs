using Messaging.DistributedLocking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Attachment;

/// <summary>
/// The orphan sweep (seed 004 3.4), one instance at a time: finishes pending tombstones, then lists storage against the
/// database and deletes blobs that no attachment or tombstone names and that are older than the grace period (an upload
/// in flight is never an orphan), recording each in the audit log of the tenant whose folder held it.
/// </summary>
public sealed partial class AttachmentSweep(
    IServiceScopeFactory scopeFactory,
    IBlobStore store,
    BlobDeletion deletion,
    IDistributedLock distributedLock,
    AttachmentMetrics metrics,
    IOptionsMonitor<AttachmentOptions> options,
    TimeProvider clock,
    ILogger<AttachmentSweep> logger)
{
    public const string LockName = "attachment.sweep";
    private const int BatchSize = 500;

    /// <returns>The report, or null when another instance is sweeping.</returns>
    public async Task<AttachmentSweepReportDto?> RunAsync(CancellationToken cancellationToken)
    {
        await using var held = await distributedLock.TryAcquireAsync(LockName, TimeSpan.FromHours(1), cancellationToken);
        if (held is null)
        {
            return null;
        }

        var (finished, left) = await FinishTombstonesAsync(cancellationToken);
        var cutoff = clock.GetUtcNow().UtcDateTime - options.CurrentValue.OrphanGracePeriod;
        int listed = 0, found = 0, deleted = 0;
        var batch = new List<BlobEntry>(BatchSize);
        await foreach (var blob in store.ListAsync("", cancellationToken))
        {
            listed++;
            if (blob.LastModified < cutoff)
            {
                batch.Add(blob);
            }

            if (batch.Count == BatchSize)
            {
                var (batchFound, batchDeleted) = await SweepAsync(batch, cancellationToken);
                (found, deleted) = (found + batchFound, deleted + batchDeleted);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            var (batchFound, batchDeleted) = await SweepAsync(batch, cancellationToken);
            (found, deleted) = (found + batchFound, deleted + batchDeleted);
        }

        metrics.Swept(deleted);
        LogSwept(logger, listed, found, deleted, finished, left);
        return new AttachmentSweepReportDto(listed, found, deleted, finished, left, clock.GetUtcNow().UtcDateTime);
    }

    private async Task<(int Finished, int Left)> FinishTombstonesAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<AttachmentTombstone> tombstones;
        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            tombstones = await scope.ServiceProvider.GetRequiredService<IAttachmentQueueStore>().PendingTombstonesAsync(BatchSize * 10, cancellationToken);
        }

        var finished = 0;
        foreach (var tombstone in tombstones)
        {
            if (await deletion.FinishAsync(tombstone, retry: false, cancellationToken))
            {
                finished++;
            }
        }

        return (finished, tombstones.Count - finished);
    }

    private async Task<(int Found, int Deleted)> SweepAsync(List<BlobEntry> candidates, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<IAttachmentQueueStore>();
        var known = await queue.KnownKeysAsync(candidates.Select(c => c.Key).ToList(), cancellationToken);
        var orphans = candidates.Where(c => !known.Contains(c.Key)).ToList();
        var deleted = 0;
        var entries = new List<AttachmentAuditEntry>();
        foreach (var orphan in orphans)
        {
            var tenantId = StorageKeys.TenantOf(orphan.Key);
            string? failure = null;
            try
            {
                await store.DeleteAsync(orphan.Key, cancellationToken);
                deleted++;
            }
            catch (BlobStorageException failed)
            {
                failure = failed.Message;
                LogOrphanDeleteFailed(logger, failed, orphan.Key);
            }

            LogOrphan(logger, orphan.Key, orphan.Size, orphan.LastModified, failure is null);
            if (tenantId is { } tenant)
            {
                entries.Add(new AttachmentAuditEntry(tenant, failure is null ? AttachmentAuditAction.OrphanDeleted : AttachmentAuditAction.OrphanDetected,
                    null, null, null, failure is null, $"{orphan.Size} bytes, last written {orphan.LastModified:o}", clock.GetUtcNow().UtcDateTime));
            }
        }

        if (entries.Count > 0)
        {
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().RunAsync(async token =>
            {
                foreach (var entry in entries)
                {
                    await queue.AddAuditAsync(entry, token);
                }

                return true;
            }, cancellationToken);
        }

        return (orphans.Count, deleted);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Attachment sweep: {Listed} blobs listed, {Found} orphans found, {Deleted} deleted; {Finished} tombstones finished, {Left} left")]
    private static partial void LogSwept(ILogger logger, int listed, int found, int deleted, int finished, int left);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Orphan blob {StorageKey} ({Size} bytes, last written {LastModified:o}); deleted: {Deleted}")]
    private static partial void LogOrphan(ILogger logger, string storageKey, long size, DateTime lastModified, bool deleted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The orphan blob {StorageKey} could not be deleted")]
    private static partial void LogOrphanDeleteFailed(ILogger logger, Exception exception, string storageKey);
}
