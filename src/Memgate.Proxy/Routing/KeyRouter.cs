using Memgate.Proxy.Hashing;

namespace Memgate.Proxy.Routing;

/// <summary>
/// Placement only: a key's primary in the primary pool and its replica in the replica pool. Keys are
/// never moved to another primary when a node is down (that would serve stale data when it comes
/// back); failover goes to the key's replica instead.
/// </summary>
/// <remarks>
/// The replica pool is hashed on its own, like magent's backup ring. When it picks the key's primary
/// server itself (the two pools share servers, as in <c>memgate cluster</c>), the next server of the
/// replica pool is taken, so a key's two copies are always on two different servers.
/// </remarks>
public sealed class KeyRouter
{
    private readonly IKeyPlacement _primaryPlacement;
    private readonly ClusterNode[] _primaries;
    private readonly IKeyPlacement? _replicaPlacement;
    private readonly ClusterNode[] _replicas;
    private readonly (KetamaRing Primary, KetamaRing Replica)? _sharedHash;

    public KeyRouter(string primaryPool, IKeyPlacement primaryPlacement, ClusterNode[] primaries, string? replicaPool, IKeyPlacement? replicaPlacement, ClusterNode[] replicas)
    {
        ArgumentNullException.ThrowIfNull(primaryPlacement);
        ArgumentNullException.ThrowIfNull(primaries);
        ArgumentNullException.ThrowIfNull(replicas);
        PrimaryPool = primaryPool;
        ReplicaPool = replicaPool;
        _primaryPlacement = primaryPlacement;
        _primaries = primaries;
        _replicaPlacement = replicaPlacement;
        _replicas = replicas;
        if (primaryPlacement is KetamaRing primaryRing && replicaPlacement is KetamaRing replicaRing && primaryRing.KeyHash == replicaRing.KeyHash)
        {
            _sharedHash = (primaryRing, replicaRing);
        }
    }

    public string PrimaryPool { get; }

    public string? ReplicaPool { get; }

    public KeyRoute Locate(ReadOnlySpan<byte> key)
    {
        if (_sharedHash is { } rings)
        {
            uint hash = KeyHashes.Compute(rings.Primary.KeyHash, key);
            return WithReplica(_primaries[rings.Primary.LocateHash(hash)], rings.Replica.LocateHash(hash));
        }

        ClusterNode primary = _primaries[_primaryPlacement.Locate(key)];
        if (_replicaPlacement is null || _replicas.Length == 0)
        {
            return new KeyRoute(primary, null);
        }

        return WithReplica(primary, _replicaPlacement.Locate(key));
    }

    // The replica pool's server at index, or the next one when that is the key's primary.
    private KeyRoute WithReplica(ClusterNode primary, int index)
    {
        if (_replicas.Length == 0)
        {
            return new KeyRoute(primary, null);
        }

        for (int i = 0; i < _replicas.Length; i++)
        {
            ClusterNode candidate = _replicas[(index + i) % _replicas.Length];
            if (!ReferenceEquals(candidate, primary))
            {
                return new KeyRoute(primary, candidate);
            }
        }

        return new KeyRoute(primary, null);
    }
}
