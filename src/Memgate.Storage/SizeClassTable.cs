namespace Memgate.Storage;

/// <summary>
/// Chunk sizes of the slab classes, computed like memcached's slabs_init: start at header + -n, grow by -f,
/// round up to 8 bytes, stop when the next size would pass the largest chunk, then add the largest chunk itself.
/// Each size is then widened to the largest chunk that still fits as many times into a page, so the tail of a
/// page is not wasted (100 KB items fit 10 to a 1 MB page, as in memcached, instead of 8).
/// </summary>
internal static class SizeClassTable
{
    /// <summary>memcached's MAX_SLAB_CLASSES - 1 (63 usable classes).</summary>
    public const int MaxClasses = 63;

    public static int[] Build(int minChunkSize, double growthFactor, int largestChunk)
    {
        var sizes = new List<int>();
        int size = Align8(ItemLayout.HeaderSize + Math.Max(minChunkSize, 1));
        while (sizes.Count < MaxClasses - 1 && size <= largestChunk / growthFactor)
        {
            sizes.Add(size);
            size = Math.Max(Align8((int)(size * growthFactor)), size + 8);
        }

        sizes.Add(largestChunk);
        return Widen(sizes, largestChunk);
    }

    private static int[] Widen(List<int> sizes, int largestChunk)
    {
        var widened = new List<int>(sizes.Count);
        foreach (int size in sizes)
        {
            int perPage = Math.Max(1, PageTable.PageSize / size);
            int chunk = Math.Min(largestChunk, (PageTable.PageSize / perPage) & ~7);
            chunk = Math.Max(chunk, size);
            if (widened.Count == 0 || chunk > widened[^1])
            {
                widened.Add(chunk);
            }
        }

        return [.. widened];
    }

    public static int Align8(int size) => (size + 7) & ~7;

    /// <summary>Index of the smallest class that holds <paramref name="itemSize"/> bytes.</summary>
    public static int IndexFor(int[] sizes, int itemSize)
    {
        int low = 0;
        int high = sizes.Length - 1;
        while (low < high)
        {
            int mid = (low + high) >>> 1;
            if (sizes[mid] < itemSize)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
