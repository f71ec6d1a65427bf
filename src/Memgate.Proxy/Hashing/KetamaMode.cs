namespace Memgate.Proxy.Hashing;

/// <summary>How a <see cref="KetamaRing"/> lays its points out.</summary>
public enum KetamaMode
{
    /// <summary>
    /// The de-facto standard and the default: 160 points per server scaled by weight, four points
    /// per MD5 digest of "name-i". Identical (verified with golden vectors) in twemproxy
    /// (<c>distribution: ketama</c>) and libmemcached's weighted ketama
    /// (<c>MEMCACHED_BEHAVIOR_KETAMA_WEIGHTED</c>, pylibmc <c>{"ketama_weighted": True}</c>).
    /// </summary>
    Weighted,

    /// <summary>
    /// libmemcached's plain <c>MEMCACHED_BEHAVIOR_KETAMA</c> (pylibmc <c>{"ketama": True}</c>):
    /// 100 points per server, one point per "name-i" hashed with the key hash (one-at-a-time unless
    /// the client also set <c>hash: md5</c>). As libmemcached does, a weight above 1 on any server
    /// switches the layout to <see cref="Weighted"/> points while keys keep the configured hash.
    /// </summary>
    LibmemcachedUnweighted,
}
