namespace Messaging.EmailQueue.Inbound;

/// <summary>
/// The seed's rule cache: entries live for a TTL, the least recently used is evicted above a maximum number of entries,
/// and concurrent misses of one key share one load instead of each going to the database. An invalidation removes
/// entries at once and keeps a load that started before it from storing what it read.
/// </summary>
public sealed class RuleCache<TKey, TValue>(TimeProvider clock, Func<TimeSpan> ttl, Func<int> maxEntries)
    where TKey : notnull
    where TValue : class
{
    private readonly object _lock = new();
    private readonly Dictionary<TKey, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = new();
    private readonly Dictionary<TKey, Task<TValue?>> _loading = [];
    private long _generation;
    private long _hits;
    private long _misses;
    private long _evictions;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    public long Evictions => Interlocked.Read(ref _evictions);

    /// <summary>The cached value, or the one <paramref name="load"/> returns (cached unless null or invalidated meanwhile).</summary>
    public async Task<TValue?> GetOrLoadAsync(TKey key, Func<TKey, CancellationToken, Task<TValue?>> load, CancellationToken cancellationToken)
    {
        TaskCompletionSource<TValue?>? owned = null;
        Task<TValue?>? shared;
        long generation;
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            if (_entries.TryGetValue(key, out var node))
            {
                if (node.Value.ExpiresAt > now)
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                    Interlocked.Increment(ref _hits);
                    return node.Value.Value;
                }

                Remove(node);
            }

            Interlocked.Increment(ref _misses);
            generation = _generation;
            if (!_loading.TryGetValue(key, out shared))
            {
                owned = new TaskCompletionSource<TValue?>(TaskCreationOptions.RunContinuationsAsynchronously);
                shared = owned.Task;
                _loading[key] = shared;
            }
        }

        if (owned is not null)
        {
            // Not the caller's token: others wait on this load, and one caller giving up must not fail them.
            try
            {
                var value = await load(key, CancellationToken.None);
                lock (_lock)
                {
                    if (value is not null && generation == _generation)
                    {
                        Store(key, value);
                    }

                    StopLoading(key, owned.Task);
                }

                owned.SetResult(value);
            }
            catch (Exception exception)
            {
                lock (_lock)
                {
                    StopLoading(key, owned.Task);
                }

                owned.SetException(exception);
            }
        }

        return await shared.WaitAsync(cancellationToken);
    }

    public void Invalidate(TKey key)
    {
        lock (_lock)
        {
            _generation++;
            _loading.Remove(key);
            if (_entries.TryGetValue(key, out var node))
            {
                Remove(node);
            }
        }
    }

    /// <summary>Removes every entry whose value matches; loads under way are not stored, whatever they load.</summary>
    public void InvalidateWhere(Func<TValue, bool> predicate)
    {
        lock (_lock)
        {
            _generation++;
            _loading.Clear();
            foreach (var node in _entries.Values.Where(node => predicate(node.Value.Value)).ToList())
            {
                Remove(node);
            }
        }
    }

    private void Store(TKey key, TValue value)
    {
        if (_entries.TryGetValue(key, out var existing))
        {
            Remove(existing);
        }

        var node = _recency.AddFirst(new Entry(key, value, clock.GetUtcNow() + ttl()));
        _entries[key] = node;
        while (_entries.Count > Math.Max(1, maxEntries()))
        {
            Remove(_recency.Last!);
            Interlocked.Increment(ref _evictions);
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _recency.Remove(node);
        _entries.Remove(node.Value.Key);
    }

    private void StopLoading(TKey key, Task<TValue?> load)
    {
        if (_loading.TryGetValue(key, out var current) && current == load)
        {
            _loading.Remove(key);
        }
    }

    private sealed record Entry(TKey Key, TValue Value, DateTimeOffset ExpiresAt);
}
