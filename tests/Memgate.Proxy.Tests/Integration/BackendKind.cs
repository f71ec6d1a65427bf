namespace Memgate.Proxy.Tests.Integration;

/// <summary>What the proxy under test talks to.</summary>
public enum BackendKind
{
    /// <summary>memgate nodes started in-process (NodeServer).</summary>
    MemgateNodes,

    /// <summary>Real /usr/bin/memcached 1.6.18 processes.</summary>
    Memcached,

    /// <summary>One memgate node and one memcached.</summary>
    Mixed,
}
