namespace Memgate.Proxy.Routing;

/// <summary>
/// Keys one backend missed a write for (it was down, timed out, or answered with an error while
/// the other copy was written). Each is invalidated on the backend (<c>md</c>) before the backend is
/// trusted for that key again; until then reads of the key go to the other copy. Bounded: on
/// overflow the keys are dropped and the backend is marked "needs flush", so it is flushed before
/// it serves any read again (repcached's answer to a full queue, without the full copy).
/// </summary>
public sealed class RepairQueue
{
    private readonly Lock _lock = new();
    private readonly HashSet<byte[]> _keys = new(ByteArrayComparer.Instance);
    private readonly int _capacity;
    private int _count;
    private bool _needsFlush;

    public RepairQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>Keys waiting for their invalidation.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>True after an overflow or a failed flush_all: the backend's whole content is untrusted.</summary>
    public bool NeedsFlush
    {
        get
        {
            lock (_lock)
            {
                return _needsFlush;
            }
        }
    }

    /// <summary>True when nothing is pending (the cheap check the read path makes first).</summary>
    public bool IsClean => Volatile.Read(ref _count) == 0 && !Volatile.Read(ref _needsFlush);

    /// <summary>Records a missed write; false when the queue overflowed into "needs flush".</summary>
    public bool Add(byte[] key)
    {
        lock (_lock)
        {
            if (_needsFlush)
            {
                return false;
            }

            if (_keys.Count >= _capacity && !_keys.Contains(key))
            {
                _keys.Clear();
                _needsFlush = true;
                Volatile.Write(ref _count, 0);
                return false;
            }

            _keys.Add(key);
            Volatile.Write(ref _count, _keys.Count);
            return true;
        }
    }

    /// <summary>True when reads of <paramref name="key"/> must not be served by this backend.</summary>
    public bool Distrusts(ReadOnlySpan<byte> key)
    {
        if (IsClean)
        {
            return false;
        }

        lock (_lock)
        {
            return _needsFlush || _keys.GetAlternateLookup<ReadOnlySpan<byte>>().Contains(key);
        }
    }

    /// <summary>The backend now holds the latest value of the key (a later write reached it).</summary>
    public void Forget(byte[] key)
    {
        if (Volatile.Read(ref _count) == 0)
        {
            return;
        }

        lock (_lock)
        {
            _keys.Remove(key);
            Volatile.Write(ref _count, _keys.Count);
        }
    }

    /// <summary>Marks the whole backend untrusted until flushed.</summary>
    public void MarkNeedsFlush()
    {
        lock (_lock)
        {
            _needsFlush = true;
            _keys.Clear();
            Volatile.Write(ref _count, 0);
        }
    }

    /// <summary>A flush_all reached the backend: nothing on it can be stale any more.</summary>
    public void Flushed()
    {
        lock (_lock)
        {
            _needsFlush = false;
            _keys.Clear();
            Volatile.Write(ref _count, 0);
        }
    }

    /// <summary>Up to <paramref name="max"/> pending keys, to replay.</summary>
    public List<byte[]> Snapshot(int max)
    {
        lock (_lock)
        {
            var keys = new List<byte[]>(Math.Min(max, _keys.Count));
            foreach (byte[] key in _keys)
            {
                if (keys.Count == max)
                {
                    break;
                }

                keys.Add(key);
            }

            return keys;
        }
    }
}
