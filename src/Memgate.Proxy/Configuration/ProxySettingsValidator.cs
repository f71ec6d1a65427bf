using System.Net;
using Memgate.Proxy.Hashing;

namespace Memgate.Proxy.Configuration;

/// <summary>
/// Checks <see cref="ProxySettings"/> and reports every problem with the path of the field in
/// the JSON file's spelling, e.g. <c>pools[0].servers[1]: 'foo:bar' is not host:port</c>.
/// </summary>
public static class ProxySettingsValidator
{
    /// <summary>Returns all errors; an empty list means the settings are usable.</summary>
    public static IReadOnlyList<string> Validate(ProxySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new List<string>();
        ValidateListener(settings, errors);
        ValidatePools(settings, errors);
        ValidateTimeouts(settings.Timeouts, errors);
        ValidateHealth(settings.Health, errors);
        return errors;
    }

    private static void ValidateListener(ProxySettings settings, List<string> errors)
    {
        if (settings.Port is < 0 or > 65535)
        {
            errors.Add($"port: {settings.Port} is not a TCP port (0-65535, 0 disables TCP)");
        }

        if (settings.Port == 0 && string.IsNullOrEmpty(settings.UnixSocket))
        {
            errors.Add("port: 0 disables TCP, so unixSocket must be set");
        }

        if (!IPAddress.TryParse(settings.ListenAddress, out _) && Uri.CheckHostName(settings.ListenAddress) != UriHostNameType.Dns)
        {
            errors.Add($"listenAddress: '{settings.ListenAddress}' is not an IP address or host name");
        }

        if (settings.MaxConnections < 1)
        {
            errors.Add($"maxConnections: {settings.MaxConnections} must be at least 1");
        }

        if (settings.MaxItemSize is < 1024 or > 1024 * 1024 * 1024)
        {
            errors.Add($"maxItemSize: {settings.MaxItemSize} must be between 1024 and 1073741824 bytes");
        }

        if (settings.RepairQueueCapacity < 1)
        {
            errors.Add($"repairQueueCapacity: {settings.RepairQueueCapacity} must be at least 1");
        }

        if (settings.Threads < 0)
        {
            errors.Add($"threads: {settings.Threads} must be 0 (one per processor) or more");
        }

        if (settings.Transport is not ("epoll" or "sockets"))
        {
            errors.Add($"transport: '{settings.Transport}' must be \"epoll\" or \"sockets\"");
        }
        else if (settings.Transport == "epoll" && !OperatingSystem.IsLinux())
        {
            errors.Add("transport: \"epoll\" needs Linux; use \"sockets\"");
        }

        if (settings.MaxIdleConnectionsPerServer < 1)
        {
            errors.Add($"maxIdleConnectionsPerServer: {settings.MaxIdleConnectionsPerServer} must be at least 1");
        }
    }

    private static void ValidatePools(ProxySettings settings, List<string> errors)
    {
        if (settings.Pools.Count == 0)
        {
            errors.Add("pools: at least one pool with servers is required");
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int p = 0; p < settings.Pools.Count; p++)
        {
            PoolSettings pool = settings.Pools[p];
            string path = $"pools[{p}]";
            if (string.IsNullOrWhiteSpace(pool.Name))
            {
                errors.Add($"{path}.name: a pool needs a name");
            }
            else if (!names.Add(pool.Name))
            {
                errors.Add($"{path}.name: '{pool.Name}' is used by another pool");
            }

            ValidateServers(pool, path, errors);
            ValidatePlacement(pool, path, errors);
            if (pool.ConnectionsPerServer < 1 || pool.ConnectionsPerServer > settings.MaxIdleConnectionsPerServer)
            {
                errors.Add($"{path}.connectionsPerServer: {pool.ConnectionsPerServer} must be between 1 and maxIdleConnectionsPerServer ({settings.MaxIdleConnectionsPerServer})");
            }
        }

        for (int p = 0; p < settings.Pools.Count; p++)
        {
            string? replica = settings.Pools[p].ReplicaPool;
            if (replica is null)
            {
                continue;
            }

            if (!names.Contains(replica))
            {
                errors.Add($"pools[{p}].replicaPool: no pool is named '{replica}'");
            }
            else if (replica == settings.Pools[p].Name)
            {
                errors.Add($"pools[{p}].replicaPool: a pool cannot be its own replica");
            }
        }
    }

    private static void ValidateServers(PoolSettings pool, string path, List<string> errors)
    {
        if (pool.Servers.Count == 0)
        {
            errors.Add($"{path}.servers: a pool needs at least one server");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int s = 0; s < pool.Servers.Count; s++)
        {
            if (!ServerEndpoint.TryParse(pool.Servers[s], KetamaNode.DefaultPort, out ServerEndpoint? endpoint, out string? error))
            {
                errors.Add($"{path}.servers[{s}]: {error}");
            }
            else if (!seen.Add(endpoint!.ToString()))
            {
                errors.Add($"{path}.servers[{s}]: '{endpoint}' is listed twice");
            }
        }
    }

    private static void ValidatePlacement(PoolSettings pool, string path, List<string> errors)
    {
        if (!PlacementNames.TryParseDistribution(pool.Distribution, out _))
        {
            errors.Add($"{path}.distribution: '{pool.Distribution}' is not one of {PlacementNames.DistributionList}");
        }

        if (!PlacementNames.TryParseHash(pool.Hash, out _))
        {
            errors.Add($"{path}.hash: '{pool.Hash}' is not one of {PlacementNames.HashList}");
        }

        if (!PlacementNames.TryParseKetamaMode(pool.KetamaMode, out _))
        {
            errors.Add($"{path}.ketamaMode: '{pool.KetamaMode}' is not one of {PlacementNames.KetamaModeList}");
        }
    }

    private static void ValidateTimeouts(TimeoutSettings timeouts, List<string> errors)
    {
        if (timeouts.ConnectMs < 1)
        {
            errors.Add($"timeouts.connectMs: {timeouts.ConnectMs} must be at least 1");
        }

        if (timeouts.RequestMs < 1)
        {
            errors.Add($"timeouts.requestMs: {timeouts.RequestMs} must be at least 1");
        }
    }

    private static void ValidateHealth(HealthSettings health, List<string> errors)
    {
        if (health.TimeoutsToMarkDown < 1)
        {
            errors.Add($"health.timeoutsToMarkDown: {health.TimeoutsToMarkDown} must be at least 1");
        }

        if (health.ProbeInitialMs < 1)
        {
            errors.Add($"health.probeInitialMs: {health.ProbeInitialMs} must be at least 1");
        }

        if (health.ProbeMaxMs < health.ProbeInitialMs)
        {
            errors.Add($"health.probeMaxMs: {health.ProbeMaxMs} must not be below probeInitialMs ({health.ProbeInitialMs})");
        }

        if (health.ProbeBackoffMultiplier < 1)
        {
            errors.Add($"health.probeBackoffMultiplier: {health.ProbeBackoffMultiplier} must be at least 1");
        }

        if (health.ProbeJitter is < 0 or > 1)
        {
            errors.Add($"health.probeJitter: {health.ProbeJitter} must be between 0 and 1");
        }

        if (health.IdentityCheckMs < 10)
        {
            errors.Add($"health.identityCheckMs: {health.IdentityCheckMs} must be at least 10");
        }

        if (health.WarmupSeconds < 0)
        {
            errors.Add($"health.warmupSeconds: {health.WarmupSeconds} must not be negative");
        }

        if (health.WarmupWindowLookups < 1)
        {
            errors.Add($"health.warmupWindowLookups: {health.WarmupWindowLookups} must be at least 1");
        }

        if (health.WarmupExitHitPercent is < 0 or > 100)
        {
            errors.Add($"health.warmupExitHitPercent: {health.WarmupExitHitPercent} must be between 0 and 100");
        }
    }
}
