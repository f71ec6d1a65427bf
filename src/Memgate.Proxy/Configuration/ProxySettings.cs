namespace Memgate.Proxy.Configuration;

/// <summary>
/// Everything <c>memgate proxy</c> is configured with, from magent-style flags
/// (<see cref="MagentCommandLine"/>) or a JSON file with environment overrides
/// (<see cref="ProxyConfigurationLoader"/>).
/// </summary>
public sealed class ProxySettings
{
    /// <summary>Address to listen on (magent <c>-l</c>, default 0.0.0.0).</summary>
    public string ListenAddress { get; set; } = "0.0.0.0";

    /// <summary>TCP port (magent <c>-p</c>, default 11211; 0 disables TCP).</summary>
    public int Port { get; set; } = 11211;

    /// <summary>Unix socket path to listen on as well (magent <c>-f</c>), or null.</summary>
    public string? UnixSocket { get; set; }

    /// <summary>Maximum client connections (magent <c>-n</c>, default 4096).</summary>
    public int MaxConnections { get; set; } = 4096;

    /// <summary>User to run as (magent <c>-u</c>; a name or a numeric uid), or null.</summary>
    public string? User { get; set; }

    /// <summary>Group to run as (magent <c>-g</c>), or null.</summary>
    public string? Group { get; set; }

    /// <summary>Stay in the foreground (magent <c>-D</c>/<c>-v</c>); with magent flags the proxy otherwise daemonizes. A JSON config always runs in the foreground.</summary>
    public bool Foreground { get; set; }

    /// <summary>Verbose logging (magent <c>-v</c>).</summary>
    public bool Verbose { get; set; }

    /// <summary>magent's <c>-i</c> (idle keep-alive connections per backend). memgate multiplexes
    /// pipelined connections instead; the value caps <see cref="PoolSettings.ConnectionsPerServer"/>.</summary>
    public int MaxIdleConnectionsPerServer { get; set; } = 20;

    /// <summary>Largest value a client may store through the proxy (memcached's <c>-I</c>, default 1 MB); larger
    /// values are refused with memcached's "SERVER_ERROR object too large for cache" without being buffered.</summary>
    public int MaxItemSize { get; set; } = 1024 * 1024;

    /// <summary>Keys per backend whose missed writes are remembered for replay; beyond it the backend is flushed before it is trusted again.</summary>
    public int RepairQueueCapacity { get; set; } = 100_000;

    /// <summary>Event-loop threads serving clients (0, the default: one per processor the process may run on).
    /// Each loop keeps its own pipelined connection to every backend.</summary>
    public int Threads { get; set; }

    /// <summary>Event loops actually run: <see cref="Threads"/>, or one per processor, never more than the processors.</summary>
    public int EventLoopCount() => Threads > 0 ? Math.Min(Threads, Environment.ProcessorCount) : Environment.ProcessorCount;

    /// <summary>"epoll" (the default on Linux: the proxy's own event loops) or "sockets" (.NET's socket engine, the
    /// only choice elsewhere).</summary>
    public string Transport { get; set; } = OperatingSystem.IsLinux() ? "epoll" : "sockets";

    /// <summary>Server pools; the first pool that no other pool names as its replica is the primary.</summary>
    public List<PoolSettings> Pools { get; set; } = [];

    /// <summary>Backend timeouts.</summary>
    public TimeoutSettings Timeouts { get; set; } = new();

    /// <summary>Backend health parameters.</summary>
    public HealthSettings Health { get; set; } = new();
}
