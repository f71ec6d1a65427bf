namespace Memgate.Storage;

/// <summary>
/// The cache engine: hash index, item memory within the -m budget (off the GC heap), eviction, expiry, CAS counter
/// and item statistics. No I/O. All item access goes through <see cref="Lock"/>.
/// </summary>
public sealed partial class CacheEngine : IDisposable
{
    public CacheEngine(CacheOptions options, ICacheClock clock)
    {
        Options = options;
        Clock = clock;
        throw new NotImplementedException();
    }

    public CacheOptions Options { get; }

    public ICacheClock Clock { get; }

    /// <summary>Takes the engine lock for one command.</summary>
    public CacheLock Lock() => throw new NotImplementedException();

    /// <summary>
    /// Converts a client exptime to the engine's relative time, exactly like memcached's realtime():
    /// 0 → 0 (never); negative → already expired; ≤ 30 days → relative; else absolute unix time
    /// (≤ process start → expires at once).
    /// </summary>
    public uint ToRelativeExpTime(long exptime) => throw new NotImplementedException();

    /// <summary>flush_all: items stored at or before <paramref name="when"/> (relative time; now when 0) become invisible.</summary>
    public void FlushAll(uint when) => throw new NotImplementedException();

    /// <summary>cache_memlimit: changes the budget; returns false when it cannot be applied.</summary>
    public bool TrySetMemoryLimit(long bytes) => throw new NotImplementedException();

    /// <summary>Reclaims expired/flushed items in bounded steps (the LRU crawler); returns the number reclaimed.</summary>
    public int CrawlExpired(int maxItemsToCheck) => throw new NotImplementedException();

    /// <summary>A consistent snapshot of engine-level counters for stats/stats items/stats slabs.</summary>
    public CacheStatistics GetStatistics() => throw new NotImplementedException();

    /// <summary>Clears the resettable counters (stats reset).</summary>
    public void ResetStatistics() => throw new NotImplementedException();

    public void Dispose() => throw new NotImplementedException();

    internal void Release() => throw new NotImplementedException();
    internal ItemHandle FindLocked(ReadOnlySpan<byte> key, out LookupOutcome outcome) => throw new NotImplementedException();
    internal ItemView ViewLocked(ItemHandle item) => throw new NotImplementedException();
    internal Span<byte> ValueSpanLocked(ItemHandle item) => throw new NotImplementedException();
    internal AllocationResult AllocateLocked(ReadOnlySpan<byte> key, int valueLength, uint clientFlags, uint expTime, ItemHandle keepAlive, out ItemHandle item) => throw new NotImplementedException();
    internal void FreeLocked(ItemHandle item) => throw new NotImplementedException();
    internal ulong LinkLocked(ItemHandle item, ulong cas) => throw new NotImplementedException();
    internal void UnlinkLocked(ItemHandle item) => throw new NotImplementedException();
    internal void BumpLocked(ItemHandle item, bool fetch) => throw new NotImplementedException();
    internal void SetExpTimeLocked(ItemHandle item, uint expTime) => throw new NotImplementedException();
    internal void SetClientFlagsLocked(ItemHandle item, uint clientFlags) => throw new NotImplementedException();
    internal ulong SetCasLocked(ItemHandle item, ulong cas) => throw new NotImplementedException();
    internal void SetStaleLocked(ItemHandle item, bool stale) => throw new NotImplementedException();
    internal void SetWinTokenSentLocked(ItemHandle item, bool sent) => throw new NotImplementedException();
}
