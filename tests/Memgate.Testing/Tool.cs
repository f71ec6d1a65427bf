namespace Memgate.Testing;

/// <summary>External tools that integration tests use (each comes from a Debian package).</summary>
public enum Tool
{
    /// <summary>/usr/bin/memcached (package memcached).</summary>
    Memcached,

    /// <summary>/usr/bin/memccapable (package libmemcached-tools).</summary>
    Memccapable,

    /// <summary>pymemcache for /usr/bin/python3 (package python3-pymemcache).</summary>
    Pymemcache,

    /// <summary>pylibmc for /usr/bin/python3 (package python3-pylibmc).</summary>
    Pylibmc,

    /// <summary>/usr/sbin/nutcracker (package nutcracker).</summary>
    Nutcracker,

    /// <summary>/usr/sbin/keepalived (package keepalived).</summary>
    Keepalived,

    /// <summary>/usr/sbin/ip or /usr/bin/ip (package iproute2).</summary>
    IpRoute,

    /// <summary>/usr/bin/nc (package netcat-openbsd).</summary>
    Netcat,
}
