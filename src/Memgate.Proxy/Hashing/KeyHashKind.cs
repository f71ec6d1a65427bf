namespace Memgate.Proxy.Hashing;

/// <summary>
/// Key hash functions, named and computed exactly as twemproxy's <c>hash:</c> option and
/// libmemcached's <c>MEMCACHED_HASH_*</c> do, so that an existing key layout can be taken over.
/// </summary>
public enum KeyHashKind
{
    /// <summary>First four bytes of MD5, little-endian (ketama's hash; twemproxy <c>md5</c>).</summary>
    Md5,

    /// <summary>Bob Jenkins' one-at-a-time (libmemcached's default hash).</summary>
    OneAtATime,

    /// <summary>FNV-1, 32 bit.</summary>
    Fnv1_32,

    /// <summary>FNV-1a, 32 bit.</summary>
    Fnv1a_32,

    /// <summary>FNV-1 with the 64-bit constants, truncated to 32 bits (twemproxy <c>fnv1_64</c>).</summary>
    Fnv1_64,

    /// <summary>twemproxy's <c>fnv1a_64</c> (its default): 64-bit constants applied in 32-bit arithmetic.</summary>
    Fnv1a_64,

    /// <summary>CRC-32 reduced to 15 bits as libmemcached/twemproxy <c>crc32</c> do.</summary>
    Crc32,

    /// <summary>Full CRC-32 (IEEE) (twemproxy <c>crc32a</c>).</summary>
    Crc32a,

    /// <summary>magent's DJB hash (<c>hash*33 + c</c>, top bit cleared); used with modula for magent migrations.</summary>
    MagentDjb,
}
