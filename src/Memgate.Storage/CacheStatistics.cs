namespace Memgate.Storage;

/// <summary>Engine counters, named after memcached's stats fields.</summary>
public sealed record CacheStatistics
{
    public long Bytes { get; init; }
    public long CurrItems { get; init; }
    public long TotalItems { get; init; }
    public long LimitMaxBytes { get; init; }
    public long TotalMalloced { get; init; }
    public long Evictions { get; init; }
    public long Reclaimed { get; init; }
    public long ExpiredUnfetched { get; init; }
    public long EvictedUnfetched { get; init; }
    public long EvictedActive { get; init; }
    public long CrawlerReclaimed { get; init; }
    public long CrawlerItemsChecked { get; init; }
    public long LruCrawlerStarts { get; init; }
    public long DirectReclaims { get; init; }
    public long OutOfMemory { get; init; }
    public int HashPowerLevel { get; init; }
    public long HashBytes { get; init; }
    public bool HashIsExpanding { get; init; }
    public long SlabsMoved { get; init; }
    public IReadOnlyList<SlabClassStatistics> Classes { get; init; } = [];
}
