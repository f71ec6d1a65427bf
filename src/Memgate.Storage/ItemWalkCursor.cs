namespace Memgate.Storage;

/// <summary>
/// Where a <see cref="CacheEngine.VisitItems{TVisitor}"/> walk stopped. Start with <c>default</c>; pass the same cursor
/// to each call until <see cref="IsDone"/>.
/// </summary>
public struct ItemWalkCursor
{
    internal int Slot;
    internal int Offset;

    // The block's class when the walk stopped inside it: if the block was freed and reused for another class between
    // calls, the offset no longer falls on a chunk boundary and the walk moves on to the next block.
    internal byte SlotClass;

    /// <summary>Every block has been walked.</summary>
    public bool IsDone { get; internal set; }
}
