namespace Memgate.Storage;

/// <summary>The LRU crawler's job: walk all item memory in bounded steps and reclaim expired or flushed items.</summary>
public sealed unsafe partial class CacheEngine
{
    private int _crawlSlot;
    private int _crawlOffset;

    /// <summary>Reclaims expired/flushed items in bounded steps (the LRU crawler); returns the number reclaimed.</summary>
    /// <remarks>Walks blocks in address order from where the previous call stopped; <paramref name="maxItemsToCheck"/>
    /// bounds the chunks visited, so the lock is held briefly. Also advances a pending hash table expansion.</remarks>
    public int CrawlExpired(int maxItemsToCheck)
    {
        Enter();
        try
        {
            _index.Migrate(maxItemsToCheck);
            uint now = _expiry.Now;
            int reclaimed = 0;
            for (int visited = 0; visited < maxItemsToCheck && _pages.SlotCount > 0; visited++)
            {
                if (_crawlSlot >= _pages.SlotCount)
                {
                    _crawlSlot = 0;
                    _crawlOffset = 0;
                }

                if (_crawlSlot == 0 && _crawlOffset == 0)
                {
                    _lruCrawlerStarts++;
                }

                uint handle = NextCrawlHandle();
                if (handle == 0)
                {
                    continue;
                }

                byte* item = _pages.Resolve(handle);
                if (!ItemLayout.IsLinked(item))
                {
                    continue;
                }

                _crawlerItemsChecked++;
                if (IsDead(item, now, out bool flushed))
                {
                    ItemClass itemClass = ClassOf(handle);
                    itemClass.CrawlerReclaimed++;
                    if (!flushed && !ItemLayout.IsFetched(item))
                    {
                        itemClass.ExpiredUnfetched++;
                    }

                    RemoveItem(handle, item, KeyHash.Compute(ItemLayout.Key(item)));
                    reclaimed++;
                }
            }

            return reclaimed;
        }
        finally
        {
            Monitor.Exit(_sync);
        }
    }

    /// <summary>The chunk under the crawl cursor (0 when the cursor is between blocks), advancing the cursor.</summary>
    private uint NextCrawlHandle()
    {
        int slot = _crawlSlot;
        int chunkSize;
        if (!_pages.IsInUse(slot))
        {
            chunkSize = 0;
        }
        else if (_classById[_pages.ClassId(slot)] is SlabClass slab)
        {
            chunkSize = slab.ChunkSize;
            if (_crawlOffset + chunkSize > PageTable.PageSize)
            {
                chunkSize = 0;
            }
        }
        else
        {
            chunkSize = _crawlOffset == 0 ? _pages.Bytes(slot) : 0;
        }

        if (chunkSize == 0)
        {
            _crawlSlot++;
            _crawlOffset = 0;
            return 0;
        }

        uint handle = PageTable.Handle(slot, _crawlOffset);
        _crawlOffset += chunkSize;
        return handle;
    }
}
