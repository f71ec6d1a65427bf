using Memgate.Proxy.Hashing;

namespace Memgate.Proxy.Configuration;

/// <summary>Builds the <see cref="IKeyPlacement"/> a validated <see cref="PoolSettings"/> describes.</summary>
public static class PoolPlacement
{
    /// <summary>Creates the placement; throws <see cref="ArgumentException"/> on settings that did not pass validation.</summary>
    public static IKeyPlacement Create(PoolSettings pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        List<ServerEndpoint> servers = pool.Servers.Select(Parse).ToList();
        if (!PlacementNames.TryParseDistribution(pool.Distribution, out DistributionKind distribution))
        {
            throw new ArgumentException($"unknown distribution '{pool.Distribution}'", nameof(pool));
        }

        if (!PlacementNames.TryParseHash(pool.Hash, out KeyHashKind hash))
        {
            throw new ArgumentException($"unknown hash '{pool.Hash}'", nameof(pool));
        }

        switch (distribution)
        {
            case DistributionKind.Ketama:
                if (!PlacementNames.TryParseKetamaMode(pool.KetamaMode, out KetamaMode mode))
                {
                    throw new ArgumentException($"unknown ketama mode '{pool.KetamaMode}'", nameof(pool));
                }

                return KetamaRing.Create(servers.Select(s => new KetamaNode(s.KetamaName, s.Weight)).ToList(), mode, hash);
            case DistributionKind.Modula:
                // magent keeps command-line order; twemproxy sorts by name. The DJB hash marks a magent pool.
                IReadOnlyList<int>? order = hash == KeyHashKind.MagentDjb
                    ? null
                    : ModulaPlacement.TwemproxySlotOrder(servers.Select(s => s.KetamaName).ToList());
                return new ModulaPlacement(servers.Count, hash, servers.Select(s => s.Weight).ToList(), order);
            default:
                return new JumpPlacement(servers.Count);
        }
    }

    private static ServerEndpoint Parse(string spec) =>
        ServerEndpoint.TryParse(spec, KetamaNode.DefaultPort, out ServerEndpoint? endpoint, out string? error)
            ? endpoint!
            : throw new ArgumentException(error);
}
