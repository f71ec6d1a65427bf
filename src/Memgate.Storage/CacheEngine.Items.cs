namespace Memgate.Storage;

/// <summary>Item operations behind <see cref="CacheLock"/>; the caller holds the engine lock.</summary>
public sealed unsafe partial class CacheEngine
{
    internal ItemHandle FindLocked(ReadOnlySpan<byte> key, out LookupOutcome outcome)
    {
        uint hash = KeyHash.Compute(key);
        uint handle = _index.Find(hash, key);
        if (handle == 0)
        {
            outcome = LookupOutcome.Miss;
            return default;
        }

        byte* item = _pages.Resolve(handle);
        if (_expiry.IsFlushed(ItemLayout.StoredAt(item), ItemLayout.Cas(item)))
        {
            RemoveItem(handle, item, hash);
            outcome = LookupOutcome.Flushed;
            return default;
        }

        if (ExpiryPolicy.IsExpired(ItemLayout.ExpTime(item), _expiry.Now))
        {
            RemoveItem(handle, item, hash);
            outcome = LookupOutcome.Expired;
            return default;
        }

        outcome = LookupOutcome.Hit;
        return new ItemHandle(handle);
    }

    internal ItemView ViewLocked(ItemHandle item)
    {
        byte* p = Resolve(item);
        int keyLength = ItemLayout.KeyLength(p);
        int valueLength = ValueLength(item.Value, p);
        uint clientFlags = ItemLayout.ClientFlags(p);
        return new ItemView
        {
            Key = new ReadOnlySpan<byte>(p + ItemLayout.HeaderSize, keyLength),
            Value = new ReadOnlySpan<byte>(p + ItemLayout.HeaderSize + keyLength, valueLength),
            ClientFlags = clientFlags,
            Cas = _casEnabled ? ItemLayout.Cas(p) : 0,
            ExpTime = ItemLayout.ExpTime(p),
            LastAccess = ItemLayout.LastAccess(p),
            StoredAt = ItemLayout.StoredAt(p),
            Fetched = ItemLayout.IsFetched(p),
            Stale = ItemLayout.IsStale(p),
            WinTokenSent = ItemLayout.IsWinTokenSent(p),
            KeyIsBinary = ItemLayout.IsKeyBinary(p),
            SlabClass = _pages.ClassId(PageTable.SlotOf(item.Value)),
            TotalSize = (int)ItemLayout.MemcachedSize(keyLength, valueLength, clientFlags, _casEnabled),
        };
    }

    internal Span<byte> ValueSpanLocked(ItemHandle item)
    {
        byte* p = Resolve(item);
        return new Span<byte>(ItemLayout.Value(p), ValueLength(item.Value, p));
    }

    internal void FreeLocked(ItemHandle item)
    {
        byte* p = Resolve(item);
        if (ItemLayout.IsLinked(p))
        {
            throw new InvalidOperationException("A linked item is removed with Unlink, not Free.");
        }

        _inflight.Remove(item.Value);
        FreeChunk(item.Value);
    }

    internal ulong LinkLocked(ItemHandle item, ulong cas)
    {
        byte* p = Resolve(item);
        if (ItemLayout.IsLinked(p))
        {
            throw new InvalidOperationException("The item is already linked.");
        }

        _inflight.Remove(item.Value);
        ReadOnlySpan<byte> key = ItemLayout.Key(p);
        uint hash = KeyHash.Compute(key);
        uint existing = _index.Find(hash, key);
        if (existing != 0)
        {
            RemoveItem(existing, _pages.Resolve(existing), hash);
        }

        uint now = _expiry.Now;
        ItemLayout.SetStoredAt(p, now);
        ItemLayout.SetLastAccess(p, now);
        ulong assigned = NextCas(cas);
        ItemLayout.Cas(p) = assigned;
        ItemLayout.SetLinked(p, true);
        _index.Insert(hash, item.Value, p);

        ItemClass itemClass = ClassOf(item.Value);
        itemClass.LinkedItems++;
        itemClass.LinkedBytes += AccountedSize(item.Value, p);
        _totalItems++;
        return _casEnabled ? assigned : 0;
    }

    internal void UnlinkLocked(ItemHandle item)
    {
        byte* p = Resolve(item);
        if (!ItemLayout.IsLinked(p))
        {
            throw new InvalidOperationException("The item is not linked.");
        }

        RemoveItem(item.Value, p, KeyHash.Compute(ItemLayout.Key(p)));
    }

    internal void BumpLocked(ItemHandle item, bool fetch)
    {
        byte* p = Resolve(item);
        ItemLayout.SetReferenced(p, true);
        ItemLayout.SetLastAccess(p, _expiry.Now);
        if (fetch)
        {
            ItemLayout.SetFetched(p, true);
        }
    }

    internal void SetExpTimeLocked(ItemHandle item, uint expTime) => ItemLayout.ExpTime(Resolve(item)) = expTime;

    internal void SetClientFlagsLocked(ItemHandle item, uint clientFlags)
    {
        byte* p = Resolve(item);
        if (ItemLayout.IsLinked(p))
        {
            // memcached's size counts 4 bytes of flags only when they are non-zero.
            ItemClass itemClass = ClassOf(item.Value);
            itemClass.LinkedBytes -= AccountedSize(item.Value, p);
            ItemLayout.ClientFlags(p) = clientFlags;
            itemClass.LinkedBytes += AccountedSize(item.Value, p);
        }
        else
        {
            ItemLayout.ClientFlags(p) = clientFlags;
        }
    }

    internal ulong SetCasLocked(ItemHandle item, ulong cas)
    {
        ulong assigned = NextCas(cas);
        ItemLayout.Cas(Resolve(item)) = assigned;
        return _casEnabled ? assigned : 0;
    }

    internal void SetStaleLocked(ItemHandle item, bool stale) => ItemLayout.SetStale(Resolve(item), stale);

    internal void SetWinTokenSentLocked(ItemHandle item, bool sent) => ItemLayout.SetWinTokenSent(Resolve(item), sent);

    internal void SetKeyBinaryLocked(ItemHandle item, bool binary) => ItemLayout.SetKeyBinary(Resolve(item), binary);

    /// <summary>With -C the counter still runs: flush_all uses it to tell same-second items apart.</summary>
    private ulong NextCas(ulong requested) => requested != 0 && _casEnabled ? requested : ++_casCounter;

    private byte* Resolve(ItemHandle item)
    {
        if (item.IsNone)
        {
            throw new ArgumentException("No item.", nameof(item));
        }

        return _pages.Resolve(item.Value);
    }

    private ItemClass ClassOf(uint handle) => _classById[_pages.ClassId(PageTable.SlotOf(handle))];

    private int ValueLength(uint handle, byte* item)
    {
        int slot = PageTable.SlotOf(handle);
        return _pages.ClassId(slot) == _large.Id
            ? _pages.Bytes(slot) - ItemLayout.HeaderSize - ItemLayout.KeyLength(item)
            : ItemLayout.PackedValueLength(item);
    }

    private long AccountedSize(uint handle, byte* item)
        => ItemLayout.MemcachedSize(ItemLayout.KeyLength(item), ValueLength(handle, item), ItemLayout.ClientFlags(item), _casEnabled);

    private bool IsDead(byte* item, uint now, out bool flushed)
    {
        flushed = _expiry.IsFlushed(ItemLayout.StoredAt(item), ItemLayout.Cas(item));
        return flushed || ExpiryPolicy.IsExpired(ItemLayout.ExpTime(item), now);
    }

    /// <summary>Takes a linked item out of the index and the counters, leaving its memory to the caller.</summary>
    private void UnlinkItem(uint handle, byte* item, uint hash)
    {
        _index.Remove(hash, handle, item);
        ItemLayout.SetLinked(item, false);
        ItemClass itemClass = ClassOf(handle);
        itemClass.LinkedItems--;
        itemClass.LinkedBytes -= AccountedSize(handle, item);
    }

    private void RemoveItem(uint handle, byte* item, uint hash)
    {
        UnlinkItem(handle, item, hash);
        FreeChunk(handle);
    }

    private void FreeChunk(uint handle)
    {
        byte* item = _pages.Resolve(handle);
        int slot = PageTable.SlotOf(handle);
        ItemClass itemClass = _classById[_pages.ClassId(slot)];
        itemClass.UsedChunks--;
        itemClass.MemRequested -= ItemLayout.HeaderSize + ItemLayout.KeyLength(item) + ValueLength(handle, item);
        if (itemClass is SlabClass slab)
        {
            slab.PushFree(handle, item);
        }
        else
        {
            _large.Remove(slot, _pages.Bytes(slot));
            _pages.Release(slot);
        }
    }
}
