namespace Memgate.Storage;

/// <summary>
/// Exclusive access to the engine for one command. Every item operation goes through a lock so that a command's
/// read-check-write (add, cas, append, incr, meta flags) is atomic. Handles and views obtained through a lock are
/// invalid after <see cref="Dispose"/>. Never hold it across I/O.
/// </summary>
public ref struct CacheLock
{
    private CacheEngine? _engine;

    internal CacheLock(CacheEngine engine) => _engine = engine;

    private readonly CacheEngine Engine => _engine ?? throw new ObjectDisposedException(nameof(CacheLock));

    /// <summary>Finds a live item. Expired or flushed items are reclaimed on the way and reported as such.</summary>
    public readonly ItemHandle Find(ReadOnlySpan<byte> key, out LookupOutcome outcome) => Engine.FindLocked(key, out outcome);

    public readonly ItemView View(ItemHandle item) => Engine.ViewLocked(item);

    /// <summary>Writable value bytes of an item allocated by <see cref="Allocate"/> (before or after linking).</summary>
    public readonly Span<byte> ValueSpan(ItemHandle item) => Engine.ValueSpanLocked(item);

    /// <summary>
    /// Allocates an unlinked item, evicting (unless -M) when memory is short. The item named by
    /// <paramref name="keepAlive"/> (for example the old value of an append) is never evicted to make room.
    /// An allocated item must be either <see cref="Link"/>ed or <see cref="Free"/>d before the lock is released.
    /// </summary>
    public readonly AllocationResult Allocate(ReadOnlySpan<byte> key, int valueLength, uint clientFlags, uint expTime, out ItemHandle item, ItemHandle keepAlive = default)
        => Engine.AllocateLocked(key, valueLength, clientFlags, expTime, keepAlive, out item);

    /// <summary>Frees an allocated item that was never linked.</summary>
    public readonly void Free(ItemHandle item) => Engine.FreeLocked(item);

    /// <summary>Makes an allocated item visible, replacing (and freeing) any item with the same key. Assigns <paramref name="cas"/> (0 = next from the counter) and returns it.</summary>
    public readonly ulong Link(ItemHandle item, ulong cas = 0) => Engine.LinkLocked(item, cas);

    /// <summary>Removes a linked item (delete).</summary>
    public readonly void Unlink(ItemHandle item) => Engine.UnlinkLocked(item);

    /// <summary>Marks an access: sets the LRU reference bit, last-access time and (when <paramref name="fetch"/>) the fetched bit.</summary>
    public readonly void Bump(ItemHandle item, bool fetch) => Engine.BumpLocked(item, fetch);

    public readonly void SetExpTime(ItemHandle item, uint expTime) => Engine.SetExpTimeLocked(item, expTime);

    public readonly void SetClientFlags(ItemHandle item, uint clientFlags) => Engine.SetClientFlagsLocked(item, clientFlags);

    /// <summary>Sets the CAS of an item (0 = next value of the counter); returns the new CAS.</summary>
    public readonly ulong SetCas(ItemHandle item, ulong cas = 0) => Engine.SetCasLocked(item, cas);

    public readonly void SetStale(ItemHandle item, bool stale) => Engine.SetStaleLocked(item, stale);

    public readonly void SetWinTokenSent(ItemHandle item, bool sent) => Engine.SetWinTokenSentLocked(item, sent);

    /// <summary>Remembers that the key came base64-encoded (meta b flag), so k returns it that way.</summary>
    public readonly void SetKeyBinary(ItemHandle item, bool binary) => Engine.SetKeyBinaryLocked(item, binary);

    public void Dispose()
    {
        if (_engine is { } engine)
        {
            _engine = null;
            engine.Release();
        }
    }
}
