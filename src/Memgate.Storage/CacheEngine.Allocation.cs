namespace Memgate.Storage;

/// <summary>Allocation within the -m budget: free chunks, new pages, CLOCK eviction and moving memory between classes.</summary>
public sealed unsafe partial class CacheEngine
{
    /// <summary>With -M only expired items may be reused; this bounds how far one allocation looks for them.</summary>
    private const int ExpiredScanLimit = 256;

    /// <summary>
    /// Whether an item of this shape exceeds -I as memcached's item_size_ok judges it. Lets a protocol refuse an
    /// oversized value from its header alone, before the value arrives.
    /// </summary>
    public bool ExceedsItemSizeLimit(int keyLength, long valueLength, uint clientFlags)
        => ItemLayout.MemcachedSize(keyLength, valueLength, clientFlags, _casEnabled) > Options.MaxItemSize;

    internal AllocationResult AllocateLocked(ReadOnlySpan<byte> key, int valueLength, uint clientFlags, uint expTime, ItemHandle keepAlive, out ItemHandle item)
    {
        if (key.IsEmpty || key.Length > ItemLayout.MaxKeyLength)
        {
            throw new ArgumentException($"Key length must be 1..{ItemLayout.MaxKeyLength}.", nameof(key));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(valueLength);
        item = default;
        if (ItemLayout.MemcachedSize(key.Length, valueLength, clientFlags, _casEnabled) > Options.MaxItemSize)
        {
            return AllocationResult.TooLarge;
        }

        int total = ItemLayout.HeaderSize + key.Length + valueLength;
        ItemClass itemClass;
        uint handle;
        if (total <= _largestChunk)
        {
            var slab = _classes[SizeClassTable.IndexFor(_chunkSizes, total)];
            itemClass = slab;
            handle = TakeChunk(slab, keepAlive.Value);
        }
        else
        {
            itemClass = _large;
            handle = TakeLargeBlock(total, keepAlive.Value);
        }

        if (handle == 0)
        {
            itemClass.OutOfMemory++;
            return AllocationResult.OutOfMemory;
        }

        byte* p = _pages.Resolve(handle);
        int packedValueLength = itemClass == _large ? 0 : valueLength;
        ItemLayout.Initialize(p, key.Length, packedValueLength, clientFlags, expTime, _expiry.Now);
        key.CopyTo(new Span<byte>(p + ItemLayout.HeaderSize, key.Length));
        itemClass.UsedChunks++;
        itemClass.MemRequested += total;
        _inflight.Add(handle);
        item = new ItemHandle(handle);
        return AllocationResult.Ok;
    }

    private uint TakeChunk(SlabClass slab, uint keepAlive)
    {
        uint handle = slab.PopFree(_pages);
        if (handle != 0 || TryAddPage(slab))
        {
            return handle != 0 ? handle : slab.PopFree(_pages);
        }

        _directReclaims++;
        if (Options.EvictionsDisabled)
        {
            return ReclaimExpired(slab, keepAlive) ? slab.PopFree(_pages) : 0;
        }

        if (EvictOne(slab, keepAlive))
        {
            return slab.PopFree(_pages);
        }

        // The class has no page (or nothing it may evict): take memory from the class that holds the most.
        while (ReleaseMemory(slab, keepAlive))
        {
            _slabsMoved++;
            if (TryAddPage(slab))
            {
                return slab.PopFree(_pages);
            }
        }

        return 0;
    }

    private uint TakeLargeBlock(int bytes, uint keepAlive)
    {
        long limit = EffectiveLimit;
        if (bytes > limit)
        {
            return 0;
        }

        if (_pages.AllocatedBytes + bytes > limit)
        {
            if (Options.EvictionsDisabled)
            {
                return 0;
            }

            _directReclaims++;
            while (_pages.AllocatedBytes + bytes > limit)
            {
                if (!ReleaseMemory(null, keepAlive))
                {
                    return 0;
                }
            }
        }

        int slot = _pages.Allocate(bytes, (byte)_large.Id);
        if (slot < 0)
        {
            return 0;
        }

        _large.Add(slot, bytes);
        return PageTable.Handle(slot, 0);
    }

    private bool TryAddPage(SlabClass slab)
    {
        if (_pages.AllocatedBytes + PageTable.PageSize > EffectiveLimit)
        {
            return false;
        }

        int slot = _pages.Allocate(PageTable.PageSize, (byte)slab.Id);
        if (slot < 0)
        {
            return false;
        }

        slab.AddPage(slot, _pages.Base(slot));
        return true;
    }

    /// <summary>
    /// CLOCK: sweep the class; a referenced item loses its bit and is passed over once, the first unreferenced one
    /// goes. Dead (expired/flushed) items are reused first. Two sweeps clear every bit, so the scan is bounded.
    /// </summary>
    private bool EvictOne(ItemClass itemClass, uint keepAlive)
    {
        long chunks = itemClass is SlabClass slab ? (long)slab.BlockCount * slab.ChunksPerPage : itemClass.BlockCount;
        uint now = _expiry.Now;
        for (long i = 0, limit = (2 * chunks) + 1; i < limit && chunks > 0; i++)
        {
            uint handle = itemClass.AdvanceHand();
            byte* item = _pages.Resolve(handle);
            if (!ItemLayout.IsLinked(item) || handle == keepAlive)
            {
                continue;
            }

            if (IsDead(item, now, out bool flushed))
            {
                CountReclaimed(itemClass, item, flushed);
                RemoveItem(handle, item, KeyHash.Compute(ItemLayout.Key(item)));
                return true;
            }

            if (ItemLayout.IsReferenced(item))
            {
                ItemLayout.SetReferenced(item, false);
                continue;
            }

            CountEvicted(itemClass, item, now);
            RemoveItem(handle, item, KeyHash.Compute(ItemLayout.Key(item)));
            return true;
        }

        return false;
    }

    private bool ReclaimExpired(SlabClass slab, uint keepAlive)
    {
        uint now = _expiry.Now;
        long chunks = Math.Min((long)slab.BlockCount * slab.ChunksPerPage, ExpiredScanLimit);
        for (long i = 0; i < chunks; i++)
        {
            uint handle = slab.AdvanceHand();
            byte* item = _pages.Resolve(handle);
            if (ItemLayout.IsLinked(item) && handle != keepAlive && IsDead(item, now, out bool flushed))
            {
                CountReclaimed(slab, item, flushed);
                RemoveItem(handle, item, KeyHash.Compute(ItemLayout.Key(item)));
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Gives one page (or one large item) back to the budget, taken from the class holding the most memory other
    /// than <paramref name="requester"/>; falls back to the next largest when a class cannot give anything.
    /// </summary>
    private bool ReleaseMemory(ItemClass? requester, uint keepAlive)
    {
        ulong tried = 0;
        while (true)
        {
            ItemClass? victim = null;
            for (int id = 1; id < _classById.Length; id++)
            {
                ItemClass candidate = _classById[id];
                if (candidate != requester && candidate.MemoryBytes > 0 && (tried & (1UL << (id - 1))) == 0
                    && (victim == null || candidate.MemoryBytes > victim.MemoryBytes))
                {
                    victim = candidate;
                }
            }

            if (victim == null)
            {
                return false;
            }

            tried |= 1UL << (victim.Id - 1);
            if (victim is SlabClass slab ? ReleasePageOf(slab, keepAlive) : EvictOne(victim, keepAlive))
            {
                return true;
            }
        }
    }

    private bool ReleasePageOf(SlabClass slab, uint keepAlive)
    {
        int pageCount = slab.Pages.Count;
        int start = Math.Max(slab.HandPageIndex, 0);
        for (int i = 0; i < pageCount; i++)
        {
            int slot = slab.Pages[(start + i) % pageCount];
            if (CanReleasePage(slab, slot, keepAlive))
            {
                ReleasePage(slab, slot);
                return true;
            }
        }

        return false;
    }

    private bool CanReleasePage(SlabClass slab, int slot, uint keepAlive)
    {
        byte* page = _pages.Base(slot);
        for (int chunk = 0; chunk < slab.ChunksPerPage; chunk++)
        {
            byte* item = page + (chunk * slab.ChunkSize);
            bool inflight = !ItemLayout.IsFree(item) && !ItemLayout.IsLinked(item);
            if (inflight || PageTable.Handle(slot, chunk * slab.ChunkSize) == keepAlive)
            {
                return false;
            }
        }

        return true;
    }

    private void ReleasePage(SlabClass slab, int slot)
    {
        byte* page = _pages.Base(slot);
        uint now = _expiry.Now;
        for (int chunk = 0; chunk < slab.ChunksPerPage; chunk++)
        {
            byte* item = page + (chunk * slab.ChunkSize);
            if (ItemLayout.IsLinked(item))
            {
                uint handle = PageTable.Handle(slot, chunk * slab.ChunkSize);
                if (IsDead(item, now, out bool flushed))
                {
                    CountReclaimed(slab, item, flushed);
                }
                else
                {
                    CountEvicted(slab, item, now);
                }

                UnlinkItem(handle, item, KeyHash.Compute(ItemLayout.Key(item)));
                slab.UsedChunks--;
                slab.MemRequested -= ItemLayout.HeaderSize + ItemLayout.KeyLength(item) + ItemLayout.PackedValueLength(item);
            }
        }

        slab.RemovePage(slot, _pages);
        _pages.Release(slot);
    }

    private static void CountEvicted(ItemClass itemClass, byte* item, uint now)
    {
        itemClass.Evicted++;
        itemClass.EvictedTime = now - ItemLayout.LastAccess(item);
        if (ItemLayout.ExpTime(item) != 0)
        {
            itemClass.EvictedNonzero++;
        }

        if (!ItemLayout.IsFetched(item))
        {
            itemClass.EvictedUnfetched++;
        }

        if (ItemLayout.IsReferenced(item))
        {
            itemClass.EvictedActive++;
        }
    }

    private static void CountReclaimed(ItemClass itemClass, byte* item, bool flushed)
    {
        itemClass.Reclaimed++;
        if (!flushed && !ItemLayout.IsFetched(item))
        {
            itemClass.ExpiredUnfetched++;
        }
    }
}
