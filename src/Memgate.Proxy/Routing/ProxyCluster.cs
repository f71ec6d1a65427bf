using Memgate.Proxy.Configuration;
using Memgate.Proxy.Hashing;

namespace Memgate.Proxy.Routing;

/// <summary>
/// Everything the routes share: one <see cref="ClusterNode"/> per distinct backend server (a server
/// named in two pools has one set of connections and one health state), the key router, settings
/// and statistics.
/// </summary>
public sealed class ProxyCluster : IAsyncDisposable
{
    private readonly BulkResync _resync;

    private ProxyCluster(ProxySettings settings, ProxyStatistics statistics, KeyRouter router, IReadOnlyList<ClusterNode> nodes)
    {
        Settings = settings;
        Statistics = statistics;
        Router = router;
        Nodes = nodes;
        _resync = new BulkResync(this);
        if (settings.Health.ResyncWhenEmpty)
        {
            foreach (ClusterNode node in nodes)
            {
                node.Emptied += _resync.Start;
            }
        }
    }

    public ProxySettings Settings { get; }

    public ProxyStatistics Statistics { get; }

    public KeyRouter Router { get; }

    /// <summary>Writes in flight per key stripe, so warm-up copies never undo a racing write.</summary>
    public WriteFence Fence { get; } = new();

    /// <summary>Every backend, primaries first, in configuration order.</summary>
    public IReadOnlyList<ClusterNode> Nodes { get; }

    /// <summary>Builds the cluster from validated settings (see <see cref="ProxySettingsValidator"/>).</summary>
    public static ProxyCluster Create(ProxySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var statistics = new ProxyStatistics();
        PoolSettings primaryPool = PrimaryPoolOf(settings);
        PoolSettings? replicaPool = primaryPool.ReplicaPool is { } name ? settings.Pools.First(p => p.Name == name) : null;

        var byAddress = new Dictionary<string, ClusterNode>(StringComparer.Ordinal);
        var nodes = new List<ClusterNode>();
        ClusterNode[] Build(PoolSettings pool)
        {
            var members = new ClusterNode[pool.Servers.Count];
            for (int i = 0; i < members.Length; i++)
            {
                if (!ServerEndpoint.TryParse(pool.Servers[i], KetamaNode.DefaultPort, out ServerEndpoint? endpoint, out string? error))
                {
                    throw new ArgumentException(error, nameof(settings));
                }

                string address = endpoint!.ToString();
                if (!byAddress.TryGetValue(address, out ClusterNode? node))
                {
                    node = new ClusterNode(endpoint, pool.ConnectionsPerServer, settings, statistics);
                    byAddress[address] = node;
                    nodes.Add(node);
                }

                node.Roles = node.Roles.Length == 0 ? pool.Name : node.Roles + "+" + pool.Name;
                members[i] = node;
            }

            return members;
        }

        ClusterNode[] primaries = Build(primaryPool);
        ClusterNode[] replicas = replicaPool is null ? [] : Build(replicaPool);
        var router = new KeyRouter(
            primaryPool.Name,
            PoolPlacement.Create(primaryPool),
            primaries,
            replicaPool?.Name,
            replicaPool is null ? null : PoolPlacement.Create(replicaPool),
            replicas);
        foreach (ClusterNode node in nodes)
        {
            node.Router = router;
        }

        return new ProxyCluster(settings, statistics, router, nodes);
    }

    /// <summary>The pool keys are placed on: the first pool no other pool names as its replica.</summary>
    public static PoolSettings PrimaryPoolOf(ProxySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var replicaNames = new HashSet<string>(settings.Pools.Select(p => p.ReplicaPool).OfType<string>(), StringComparer.Ordinal);
        return settings.Pools.FirstOrDefault(p => !replicaNames.Contains(p.Name)) ?? settings.Pools[0];
    }

    public async ValueTask DisposeAsync()
    {
        await _resync.DisposeAsync().ConfigureAwait(false);
        foreach (ClusterNode node in Nodes)
        {
            await node.DisposeAsync().ConfigureAwait(false);
        }
    }
}
