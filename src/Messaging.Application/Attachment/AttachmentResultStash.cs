using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Distributed;

namespace Messaging.Attachment;

/// <summary>
/// Results whose save the database refused (seed property 33): kept in the shared cache (Redis) for seven days, and in
/// this process, under the attachment's id. The job stays claimed; whichever worker takes it over after the lease finds
/// the result here and saves it without processing the file again. Without Redis only this process keeps them.
/// </summary>
public sealed class AttachmentResultStash(IDistributedCache? shared = null)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private readonly ConcurrentDictionary<Guid, byte[]> _local = new();

    public async Task KeepAsync(Guid attachmentId, byte[] compressedResult, CancellationToken cancellationToken)
    {
        _local[attachmentId] = compressedResult;
        if (shared is not null)
        {
            await shared.SetAsync(KeyOf(attachmentId), compressedResult,
                new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime }, cancellationToken);
        }
    }

    public async Task<byte[]?> FindAsync(Guid attachmentId, CancellationToken cancellationToken) =>
        _local.TryGetValue(attachmentId, out var kept) ? kept
        : shared is null ? null
        : await shared.GetAsync(KeyOf(attachmentId), cancellationToken);

    public async Task ForgetAsync(Guid attachmentId, CancellationToken cancellationToken)
    {
        _local.TryRemove(attachmentId, out _);
        if (shared is not null)
        {
            await shared.RemoveAsync(KeyOf(attachmentId), cancellationToken);
        }
    }

    private static string KeyOf(Guid attachmentId) => $"attachment:result:{attachmentId:N}";
}
