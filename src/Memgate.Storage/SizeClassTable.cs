namespace Memgate.Storage;

/// <summary>
/// Chunk sizes of the slab classes, computed like memcached's slabs_init: start at header + -n, grow by -f,
/// round up to 8 bytes, stop when the next size would pass the largest chunk, then add the largest chunk itself.
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
        return [.. sizes];
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
