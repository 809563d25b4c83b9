namespace Messaging.Infrastructure.RateLimiting;

/// <summary>Admission times in milliseconds, oldest first, in a ring that grows as needed: the local sliding-window log.</summary>
internal sealed class TimestampLog
{
    private long[] _items = new long[16];
    private int _head;

    public int Count { get; private set; }

    /// <summary>The <paramref name="index"/>-th oldest entry.</summary>
    public long this[int index] => _items[(_head + index) & (_items.Length - 1)];

    /// <summary>The newest entry, or <see cref="long.MinValue"/> when empty.</summary>
    public long Newest => Count == 0 ? long.MinValue : this[Count - 1];

    /// <summary>Appends; callers keep the log ordered by never adding an entry older than <see cref="Newest"/>.</summary>
    public void Add(long timestamp)
    {
        if (Count == _items.Length)
        {
            Grow();
        }

        _items[(_head + Count) & (_items.Length - 1)] = timestamp;
        Count++;
    }

    /// <summary>Drops the entries at or before <paramref name="cutoff"/>.</summary>
    public void RemoveUpTo(long cutoff)
    {
        while (Count > 0 && _items[_head] <= cutoff)
        {
            _head = (_head + 1) & (_items.Length - 1);
            Count--;
        }
    }

    /// <summary>How many entries are after <paramref name="cutoff"/> (binary search: the log is ordered).</summary>
    public int CountAfter(long cutoff)
    {
        int low = 0, high = Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (this[middle] <= cutoff)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return Count - low;
    }

    private void Grow()
    {
        var grown = new long[_items.Length * 2];
        for (var i = 0; i < Count; i++)
        {
            grown[i] = this[i];
        }

        _items = grown;
        _head = 0;
    }
}
