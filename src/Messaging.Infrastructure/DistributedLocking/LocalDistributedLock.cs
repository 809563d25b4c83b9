using System.Collections.Concurrent;
using Messaging.DistributedLocking;

namespace Messaging.Infrastructure.DistributedLocking;

/// <summary>Exclusion within this process: the embedded default, and the fallback while Redis is down.</summary>
public sealed class LocalDistributedLock : IDistributedLock
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        var semaphore = _locks.GetOrAdd(name, static _ => new SemaphoreSlim(1, 1));
        return await semaphore.WaitAsync(TimeSpan.Zero, cancellationToken) ? new Release(semaphore) : null;
    }

    private sealed class Release(SemaphoreSlim semaphore) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}
