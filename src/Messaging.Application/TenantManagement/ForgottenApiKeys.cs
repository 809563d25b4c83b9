using System.Collections.Concurrent;

namespace Messaging.TenantManagement;

/// <summary>
/// The generation stamp of the key cache: each eviction takes a new generation, and an entry whose lookup started
/// before its key's last eviction is not trusted, even if the lookup finished (and was cached) after it. Evictions are
/// remembered only as long as an entry cached before them could live.
/// </summary>
internal sealed class ForgottenApiKeys(TimeProvider clock, TimeSpan entryLifetime)
{
    private readonly ConcurrentDictionary<string, Eviction> _evictions = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>The generation a lookup starting now belongs to.</summary>
    public long Current => Interlocked.Read(ref _generation);

    public void Forget(string keyHash)
    {
        var now = clock.GetTimestamp();
        _evictions[keyHash] = new Eviction(Interlocked.Increment(ref _generation), now);
        foreach (var (hash, eviction) in _evictions)
        {
            if (clock.GetElapsedTime(eviction.At, now) > entryLifetime)
            {
                _evictions.TryRemove(new KeyValuePair<string, Eviction>(hash, eviction));
            }
        }
    }

    public bool Trusts(string keyHash, long lookupGeneration) =>
        _evictions.IsEmpty || !_evictions.TryGetValue(keyHash, out var eviction) || lookupGeneration >= eviction.Generation;

    private readonly record struct Eviction(long Generation, long At);
}
