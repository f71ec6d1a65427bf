namespace Memgate.Proxy.Hashing;

/// <summary>How a pool spreads keys over its servers.</summary>
public enum DistributionKind
{
    /// <summary>Consistent hashing compatible with libmemcached/twemproxy (<see cref="KetamaRing"/>).</summary>
    Ketama,

    /// <summary>hash % slots (<see cref="ModulaPlacement"/>), for magent/twemproxy migrations.</summary>
    Modula,

    /// <summary>Jump consistent hash (<see cref="JumpPlacement"/>).</summary>
    Jump,
}
