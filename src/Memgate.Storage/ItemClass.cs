namespace Memgate.Storage;

/// <summary>
/// What slab classes and the large-item pool share: an id (memcached's clsid) and the per-class counters of
/// "stats items"/"stats slabs". The counters are plain fields because they are only touched under the engine lock.
/// </summary>
internal abstract class ItemClass(int id)
{
    public int Id { get; } = id;

    /// <summary>Native bytes this class holds (pages or blocks); used to pick the victim when memory is moved.</summary>
    public abstract long MemoryBytes { get; }

    /// <summary>Number of blocks (pages for slab classes, items for the large pool).</summary>
    public abstract int BlockCount { get; }

    public long LinkedItems;
    public long LinkedBytes;
    public long UsedChunks;
    public long MemRequested;

    public long Evicted;
    public long EvictedNonzero;
    public long EvictedTime;
    public long OutOfMemory;
    public long Reclaimed;
    public long ExpiredUnfetched;
    public long EvictedUnfetched;
    public long EvictedActive;
    public long CrawlerReclaimed;

    /// <summary>Advances the CLOCK hand and returns the handle under it (any state), or 0 when the class is empty.</summary>
    public abstract uint AdvanceHand();

    /// <summary>Handles the hand will visit next, used to estimate the age of the oldest item.</summary>
    public abstract uint PeekHand(int ahead);

    /// <summary>Clears what memcached's "stats reset" clears.</summary>
    public void ResetCounters()
    {
        Evicted = 0;
        EvictedNonzero = 0;
        EvictedTime = 0;
        OutOfMemory = 0;
        Reclaimed = 0;
        ExpiredUnfetched = 0;
        EvictedUnfetched = 0;
        EvictedActive = 0;
        CrawlerReclaimed = 0;
    }
}
