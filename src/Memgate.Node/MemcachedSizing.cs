namespace Memgate.Node;

/// <summary>
/// memcached's own item accounting (ITEM_ntotal and slab class ids), so that "me" and size-related replies read
/// exactly as memcached's do, whatever layout the engine uses internally.
/// </summary>
internal sealed class MemcachedSizing
{
    private const int ItemHeaderSize = 48;
    private const int ChunkAlign = 8;
    private readonly int[] _classSizes;
    private readonly bool _casEnabled;

    public MemcachedSizing(NodeSettings settings)
    {
        _casEnabled = !settings.CasDisabled;
        var sizes = new List<int>();
        double size = ItemHeaderSize + settings.MinChunkSize;
        int chunkMax = settings.SlabChunkMax;
        while (size <= chunkMax / settings.GrowthFactor && sizes.Count < 62)
        {
            int aligned = (int)size;
            if (aligned % ChunkAlign != 0)
            {
                aligned += ChunkAlign - (aligned % ChunkAlign);
            }

            sizes.Add(aligned);
            size = aligned * settings.GrowthFactor;
        }

        sizes.Add(chunkMax);
        _classSizes = [.. sizes];
    }

    /// <summary>memcached's power_largest: the highest slab class id (slabs reassign checks against it).</summary>
    public int ClassCount => _classSizes.Length;

    /// <summary>ITEM_ntotal: header, CAS, key + NUL, flags when non-zero, value + CRLF.</summary>
    public int ItemTotal(int keyLength, int valueLength, uint clientFlags)
        => ItemHeaderSize + (_casEnabled ? 8 : 0) + keyLength + 1 + (clientFlags != 0 ? 4 : 0) + valueLength + 2;

    /// <summary>The 1-based slab class an item of <paramref name="total"/> bytes lands in.</summary>
    public int ClassOf(int total)
    {
        for (int i = 0; i < _classSizes.Length; i++)
        {
            if (total <= _classSizes[i])
            {
                return i + 1;
            }
        }

        return _classSizes.Length;
    }
}
