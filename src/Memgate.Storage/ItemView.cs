namespace Memgate.Storage;

/// <summary>A read view of an item; valid only while the <see cref="CacheLock"/> is held.</summary>
public readonly ref struct ItemView
{
    public ReadOnlySpan<byte> Key { get; init; }
    public ReadOnlySpan<byte> Value { get; init; }
    public uint ClientFlags { get; init; }
    public ulong Cas { get; init; }
    /// <summary>Relative expiry time (engine clock); 0 = never.</summary>
    public uint ExpTime { get; init; }
    /// <summary>Relative time of last access.</summary>
    public uint LastAccess { get; init; }
    /// <summary>Relative time of the last store (used by flush_all).</summary>
    public uint StoredAt { get; init; }
    /// <summary>Fetched at least once since stored (meta h, stats expired_unfetched).</summary>
    public bool Fetched { get; init; }
    /// <summary>Marked stale by meta invalidation (md I / ms I).</summary>
    public bool Stale { get; init; }
    /// <summary>A recache/vivify win token was handed out (meta W/Z).</summary>
    public bool WinTokenSent { get; init; }
    /// <summary>The key arrived base64-encoded (meta b flag).</summary>
    public bool KeyIsBinary { get; init; }
    /// <summary>Slab class id (stats, me cls=).</summary>
    public int SlabClass { get; init; }
    /// <summary>Total bytes the item occupies (me size=).</summary>
    public int TotalSize { get; init; }
}
