namespace Memgate.Storage;

/// <summary>Read-only walks over the stored items (lru_crawler metadump, stats cachedump).</summary>
public sealed unsafe partial class CacheEngine
{
    /// <summary>
    /// Shows the live items to <paramref name="visitor"/>, at most <paramref name="maxChunks"/> chunks per call, resuming
    /// where <paramref name="cursor"/> stopped. Returns true when the walk is finished (all blocks walked, or the visitor
    /// returned false).
    /// </summary>
    /// <remarks>
    /// Each call takes the engine lock once, so a walk over a large cache never blocks other commands for long. Items are
    /// visited in memory order; expired and flushed items are skipped (and left for the crawler to reclaim). Like
    /// memcached's LRU walks, a walk that spans calls is not a snapshot: items stored or deleted meanwhile may or may not
    /// be seen, and an item replaced into a later chunk can be seen twice.
    /// </remarks>
    public bool VisitItems<TVisitor>(ref ItemWalkCursor cursor, ref TVisitor visitor, int maxChunks)
        where TVisitor : IItemVisitor
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxChunks);
        if (cursor.IsDone)
        {
            return true;
        }

        Enter();
        try
        {
            uint now = _expiry.Now;
            for (int visited = 0; visited < maxChunks; visited++)
            {
                if (cursor.Slot >= _pages.SlotCount)
                {
                    cursor.IsDone = true;
                    return true;
                }

                uint handle = NextWalkHandle(ref cursor);
                if (handle == 0)
                {
                    continue;
                }

                byte* item = _pages.Resolve(handle);
                if (!ItemLayout.IsLinked(item) || IsDead(item, now, out _))
                {
                    continue;
                }

                if (!visitor.Visit(ViewLocked(new ItemHandle(handle))))
                {
                    cursor.IsDone = true;
                    return true;
                }
            }

            return false;
        }
        finally
        {
            Monitor.Exit(_sync);
        }
    }

    /// <summary>The chunk under the walk cursor (0 when the cursor is between blocks), advancing the cursor.</summary>
    private uint NextWalkHandle(ref ItemWalkCursor cursor)
    {
        int slot = cursor.Slot;
        int chunkSize = 0;
        if (_pages.IsInUse(slot))
        {
            byte classId = _pages.ClassId(slot);
            if (cursor.Offset != 0 && classId != cursor.SlotClass)
            {
                chunkSize = 0;
            }
            else if (_classById[classId] is SlabClass slab)
            {
                chunkSize = cursor.Offset + slab.ChunkSize <= PageTable.PageSize ? slab.ChunkSize : 0;
            }
            else
            {
                chunkSize = cursor.Offset == 0 ? _pages.Bytes(slot) : 0;
            }

            cursor.SlotClass = classId;
        }

        if (chunkSize == 0)
        {
            cursor.Slot++;
            cursor.Offset = 0;
            return 0;
        }

        uint handle = PageTable.Handle(slot, cursor.Offset);
        cursor.Offset += chunkSize;
        return handle;
    }
}
