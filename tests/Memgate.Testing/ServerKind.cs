namespace Memgate.Testing;

/// <summary>Which cache server a test talks to.</summary>
public enum ServerKind
{
    /// <summary>The reference: Debian's /usr/bin/memcached 1.6.18.</summary>
    Memcached,

    /// <summary>The memgate node (memgate.dll node …).</summary>
    Memgate,
}
