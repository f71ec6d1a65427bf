using System.Text;
using Memgate.Proxy.Configuration;
using Memgate.Proxy.Routing;

namespace Memgate.Proxy.Tests.Routing;

/// <summary>
/// The router hashes a key once when both pools are ketama rings over the same hash; the placement must be exactly
/// what each pool's own ring gives (primary from the primary ring, replica from the replica ring, skipping the
/// key's primary).
/// </summary>
public sealed class KeyRouterTests
{
    [Theory]
    [InlineData("md5", "md5")]
    [InlineData("md5", "fnv1a_32")]
    [InlineData("crc32", "crc32")]
    public async Task Placement_matches_each_pools_own_ring(string primaryHash, string replicaHash)
    {
        var primaryPool = new PoolSettings { Name = "main", Servers = ["127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3"], Hash = primaryHash, ReplicaPool = "copies" };
        var replicaPool = new PoolSettings { Name = "copies", Servers = ["127.0.0.1:3", "127.0.0.1:2", "127.0.0.1:1", "127.0.0.1:4"], Hash = replicaHash };
        var settings = new ProxySettings { Pools = [primaryPool, replicaPool] };
        await using ProxyCluster cluster = ProxyCluster.Create(settings);
        var primaryRing = PoolPlacement.Create(primaryPool);
        var replicaRing = PoolPlacement.Create(replicaPool);

        for (int i = 0; i < 20_000; i++)
        {
            byte[] key = Encoding.ASCII.GetBytes($"key:{i}");
            KeyRoute route = cluster.Router.Locate(key);
            string primary = primaryPool.Servers[primaryRing.Locate(key)];
            Assert.Equal(primary, route.Primary.Address);

            int index = replicaRing.Locate(key);
            string replica = replicaPool.Servers[index];
            if (replica == primary)
            {
                replica = replicaPool.Servers[(index + 1) % replicaPool.Servers.Count];
            }

            Assert.Equal(replica, route.Replica!.Address);
        }
    }
}
