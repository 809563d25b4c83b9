using Messaging.BackgroundJobs;

namespace Messaging.Attachment;

public sealed record DeleteAttachmentBlobArgs(Guid? TenantId, Guid AttachmentId) : IJobArgs;

/// <summary>Deletes a deleted attachment's blob after the row's removal committed; what it cannot finish, the sweep does.</summary>
public sealed class DeleteAttachmentBlobJob(IAttachmentQueueStore queue, BlobDeletion deletion) : IBackgroundJob<DeleteAttachmentBlobArgs>
{
    public async Task ExecuteAsync(DeleteAttachmentBlobArgs args, CancellationToken cancellationToken)
    {
        if (await queue.FindTombstoneAsync(args.AttachmentId, cancellationToken) is { } tombstone)
        {
            await deletion.FinishAsync(tombstone, retry: true, cancellationToken);
        }
    }
}
