namespace Memgate.Storage;

/// <summary>
/// The cache engine: hash index, item memory within the -m budget (off the GC heap), eviction, expiry, CAS counter
/// and item statistics. No I/O. All item access goes through <see cref="Lock"/>.
/// </summary>
/// <remarks>
/// Items live in 1 MB native pages split into size classes (or, above a page, in blocks of their own); -m bounds
/// the sum of those blocks. Each class evicts with a CLOCK sweep; a class that has no page when the budget is spent
/// takes one from the class holding the most memory. One monitor serialises all access: commands are short and
/// allocation-free, and the node runs few threads.
/// </remarks>
public sealed partial class CacheEngine : IDisposable
{
    private readonly object _sync = new();
    private readonly PageTable _pages = new();
    private readonly HashIndex _index;
    private readonly ExpiryPolicy _expiry;
    private readonly int[] _chunkSizes;
    private readonly SlabClass[] _classes;
    private readonly LargeItemPool _large;
    private readonly ItemClass[] _classById;
    private readonly InflightItems _inflight = new();
    private readonly bool _casEnabled;
    private readonly int _largestChunk;
    private long _memoryLimit;
    private ulong _casCounter;
    private bool _disposed;

    public CacheEngine(CacheOptions options, ICacheClock clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MemoryLimitBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxItemSize, ItemLayout.HeaderSize + 8);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.GrowthFactor, 1.0);
        Options = options;
        Clock = clock;
        _casEnabled = !options.CasDisabled;
        _memoryLimit = options.MemoryLimitBytes;
        _expiry = new ExpiryPolicy(clock);
        _index = new HashIndex(_pages, options.HashPower);

        _largestChunk = Math.Min(SizeClassTable.Align8(options.MaxItemSize), PageTable.PageSize);
        _chunkSizes = SizeClassTable.Build(options.MinChunkSize, options.GrowthFactor, _largestChunk);
        _classes = new SlabClass[_chunkSizes.Length];
        _classById = new ItemClass[_chunkSizes.Length + 2];
        for (int i = 0; i < _chunkSizes.Length; i++)
        {
            _classes[i] = new SlabClass(i + 1, _chunkSizes[i]);
            _classById[i + 1] = _classes[i];
        }

        _large = new LargeItemPool(_chunkSizes.Length + 1);
        _classById[_large.Id] = _large;
    }

    public CacheOptions Options { get; }

    public ICacheClock Clock { get; }

    /// <summary>The largest total size <see cref="PageTable"/> accepts: 15-bit block numbers of 1 MB pages.</summary>
    public static long MaxMemoryLimitBytes => (long)PageTable.MaxSlots * PageTable.PageSize;

    /// <summary>Chunk sizes of the slab classes, class id = index + 1 (for "stats settings"/diagnostics).</summary>
    public IReadOnlyList<int> ChunkSizes => _chunkSizes;

    /// <summary>Takes the engine lock for one command.</summary>
    public CacheLock Lock()
    {
        Enter();
        return new CacheLock(this);
    }

    /// <summary>
    /// Converts a client exptime to the engine's relative time, exactly like memcached's realtime():
    /// 0 → 0 (never); negative → already expired; ≤ 30 days → relative; else absolute unix time
    /// (≤ process start → expires at once).
    /// </summary>
    public uint ToRelativeExpTime(long exptime) => _expiry.ToRelative(exptime);

    /// <summary>flush_all: items stored at or before <paramref name="when"/> (relative time; now when 0) become invisible.</summary>
    /// <remarks>A flush in the future replaces a pending one and takes effect at that time; items stored after the
    /// flush took effect (even in the same second) stay visible. Invisible items are reclaimed lazily.</remarks>
    public void FlushAll(uint when)
    {
        Enter();
        try
        {
            _expiry.Flush(when, ref _casCounter);
        }
        finally
        {
            Monitor.Exit(_sync);
        }
    }

    /// <summary>cache_memlimit: changes the budget; returns false when it cannot be applied.</summary>
    /// <remarks>Lowering below current usage evicts whole pages (largest class first) at once, so usage is within
    /// the new limit when this returns. Fails only for negative limits or limits above <see cref="MaxMemoryLimitBytes"/>.</remarks>
    public bool TrySetMemoryLimit(long bytes)
    {
        if (bytes < 0 || bytes > MaxMemoryLimitBytes)
        {
            return false;
        }

        Enter();
        try
        {
            _memoryLimit = bytes;
            while (_pages.AllocatedBytes > bytes && ReleaseMemory(null, 0))
            {
            }

            return true;
        }
        finally
        {
            Monitor.Exit(_sync);
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _index.Dispose();
            _pages.Dispose();
        }
    }

    internal void Release()
    {
        // A command that allocated and neither linked nor freed would otherwise leak the chunk for good.
        while (_inflight.Count > 0)
        {
            uint handle = _inflight[0];
            _inflight.Remove(handle);
            FreeChunk(handle);
        }

        Monitor.Exit(_sync);
    }

    private void Enter()
    {
        Monitor.Enter(_sync);
        if (_disposed)
        {
            Monitor.Exit(_sync);
            throw new ObjectDisposedException(nameof(CacheEngine));
        }

        _expiry.ApplyDue(ref _casCounter);
    }

    private long EffectiveLimit => Math.Min(_memoryLimit, MaxMemoryLimitBytes);
}
