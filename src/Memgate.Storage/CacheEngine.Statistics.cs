namespace Memgate.Storage;

/// <summary>Engine-wide counters and the stats snapshot.</summary>
public sealed unsafe partial class CacheEngine
{
    /// <summary>How far past the CLOCK hand to look for a linked item when estimating a class's age.</summary>
    private const int AgeProbeChunks = 64;

    private long _totalItems;
    private long _slabsMoved;
    private long _directReclaims;
    private long _crawlerItemsChecked;
    private long _lruCrawlerStarts;

    /// <summary>A consistent snapshot of engine-level counters for stats/stats items/stats slabs.</summary>
    /// <remarks><see cref="CacheStatistics.Classes"/> lists the classes that hold pages or items or have counted
    /// something; <see cref="CacheStatistics.Bytes"/> sums item sizes the way memcached computes them.</remarks>
    public CacheStatistics GetStatistics()
    {
        Enter();
        try
        {
            uint now = _expiry.Now;
            var classes = new List<SlabClassStatistics>();
            long bytes = 0, evicted = 0, reclaimed = 0, expiredUnfetched = 0, evictedUnfetched = 0;
            long evictedActive = 0, crawlerReclaimed = 0, outOfMemory = 0;
            for (int id = 1; id < _classById.Length; id++)
            {
                ItemClass itemClass = _classById[id];
                bytes += itemClass.LinkedBytes;
                evicted += itemClass.Evicted;
                reclaimed += itemClass.Reclaimed;
                expiredUnfetched += itemClass.ExpiredUnfetched;
                evictedUnfetched += itemClass.EvictedUnfetched;
                evictedActive += itemClass.EvictedActive;
                crawlerReclaimed += itemClass.CrawlerReclaimed;
                outOfMemory += itemClass.OutOfMemory;
                if (itemClass.BlockCount > 0 || itemClass.LinkedItems > 0 || HasCounts(itemClass))
                {
                    classes.Add(Describe(itemClass, now));
                }
            }

            return new CacheStatistics
            {
                Bytes = bytes,
                CurrItems = _index.Count,
                TotalItems = _totalItems,
                LimitMaxBytes = _memoryLimit,
                TotalMalloced = _pages.AllocatedBytes,
                Evictions = evicted,
                Reclaimed = reclaimed,
                ExpiredUnfetched = expiredUnfetched,
                EvictedUnfetched = evictedUnfetched,
                EvictedActive = evictedActive,
                CrawlerReclaimed = crawlerReclaimed,
                CrawlerItemsChecked = _crawlerItemsChecked,
                LruCrawlerStarts = _lruCrawlerStarts,
                DirectReclaims = _directReclaims,
                OutOfMemory = outOfMemory,
                HashPowerLevel = _index.Power,
                HashBytes = _index.Bytes,
                HashIsExpanding = _index.IsExpanding,
                SlabsMoved = _slabsMoved,
                Classes = classes,
            };
        }
        finally
        {
            Monitor.Exit(_sync);
        }
    }

    /// <summary>Clears the resettable counters (stats reset).</summary>
    /// <remarks>Like memcached: totals and event counters go to zero; current sizes (bytes, curr_items, pages) stay.</remarks>
    public void ResetStatistics()
    {
        Enter();
        try
        {
            _totalItems = 0;
            _slabsMoved = 0;
            _directReclaims = 0;
            _crawlerItemsChecked = 0;
            _lruCrawlerStarts = 0;
            for (int id = 1; id < _classById.Length; id++)
            {
                _classById[id].ResetCounters();
            }
        }
        finally
        {
            Monitor.Exit(_sync);
        }
    }

    private static bool HasCounts(ItemClass c)
        => (c.Evicted | c.OutOfMemory | c.Reclaimed | c.ExpiredUnfetched | c.EvictedUnfetched | c.CrawlerReclaimed) != 0;

    private SlabClassStatistics Describe(ItemClass itemClass, uint now)
    {
        var slab = itemClass as SlabClass;
        int chunkSize = slab?.ChunkSize ?? Options.MaxItemSize;
        int chunksPerPage = slab?.ChunksPerPage ?? 1;
        long totalChunks = (long)itemClass.BlockCount * chunksPerPage;
        return new SlabClassStatistics
        {
            Id = itemClass.Id,
            ChunkSize = chunkSize,
            ChunksPerPage = chunksPerPage,
            TotalPages = itemClass.BlockCount,
            TotalChunks = totalChunks,
            UsedChunks = itemClass.UsedChunks,
            FreeChunks = slab?.FreeCount ?? 0,
            MemRequested = itemClass.MemRequested,
            Number = itemClass.LinkedItems,
            Age = OldestAge(itemClass, now),
            Evicted = itemClass.Evicted,
            EvictedNonzero = itemClass.EvictedNonzero,
            EvictedTime = itemClass.EvictedTime,
            OutOfMemory = itemClass.OutOfMemory,
            Reclaimed = itemClass.Reclaimed,
            ExpiredUnfetched = itemClass.ExpiredUnfetched,
            EvictedUnfetched = itemClass.EvictedUnfetched,
            EvictedActive = itemClass.EvictedActive,
            CrawlerReclaimed = itemClass.CrawlerReclaimed,
        };
    }

    /// <summary>Age of the next items the CLOCK will consider, standing in for memcached's LRU-tail age.</summary>
    private long OldestAge(ItemClass itemClass, uint now)
    {
        if (itemClass.LinkedItems == 0)
        {
            return 0;
        }

        long oldest = 0;
        for (int i = 0; i < AgeProbeChunks; i++)
        {
            uint handle = itemClass.PeekHand(i);
            byte* item = _pages.Resolve(handle);
            if (ItemLayout.IsLinked(item))
            {
                oldest = Math.Max(oldest, (long)now - ItemLayout.LastAccess(item));
            }
        }

        return oldest;
    }
}
