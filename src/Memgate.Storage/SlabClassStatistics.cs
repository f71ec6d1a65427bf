namespace Memgate.Storage;

/// <summary>Per size-class counters for "stats items" and "stats slabs".</summary>
public sealed record SlabClassStatistics
{
    public int Id { get; init; }
    public int ChunkSize { get; init; }
    public int ChunksPerPage { get; init; }
    public long TotalPages { get; init; }
    public long TotalChunks { get; init; }
    public long UsedChunks { get; init; }
    public long FreeChunks { get; init; }
    public long MemRequested { get; init; }
    /// <summary>Linked items in this class.</summary>
    public long Number { get; init; }
    /// <summary>Seconds since the last access of the oldest (next to evict) item.</summary>
    public long Age { get; init; }
    public long Evicted { get; init; }
    public long EvictedNonzero { get; init; }
    public long EvictedTime { get; init; }
    public long OutOfMemory { get; init; }
    public long Reclaimed { get; init; }
    public long ExpiredUnfetched { get; init; }
    public long EvictedUnfetched { get; init; }
    public long EvictedActive { get; init; }
    public long CrawlerReclaimed { get; init; }
}
