namespace Memgate.Storage;

/// <summary>Settings of the cache engine, taken from memcached's flags.</summary>
public sealed record CacheOptions
{
    /// <summary>-m: memory for items, in bytes (memcached counts 1 MB slab pages against it).</summary>
    public long MemoryLimitBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>-I: the largest item (header + key + value) that may be stored.</summary>
    public int MaxItemSize { get; init; } = 1024 * 1024;

    /// <summary>-M: answer out-of-memory instead of evicting.</summary>
    public bool EvictionsDisabled { get; init; }

    /// <summary>-C: no CAS values (the 8-byte field is not stored; CAS reads as 0).</summary>
    public bool CasDisabled { get; init; }

    /// <summary>-o hashpower: initial hash table size is 2^HashPower buckets.</summary>
    public int HashPower { get; init; } = 16;

    /// <summary>-f: slab growth factor.</summary>
    public double GrowthFactor { get; init; } = 1.25;

    /// <summary>-n: minimum space for key+value+flags in the smallest class.</summary>
    public int MinChunkSize { get; init; } = 48;
}
