using Memgate.Node.Auth;
using Memgate.Server;
using Memgate.Storage;

namespace Memgate.Node;

/// <summary>What every session of a node shares: settings, engine, counters and the listener.</summary>
internal sealed class NodeContext
{
    public NodeContext(NodeSettings settings, CacheEngine engine, ServerStatistics serverStatistics)
    {
        Settings = settings;
        Engine = engine;
        ServerStatistics = serverStatistics;
        Verbosity = settings.Verbosity;
        MemoryLimitBytes = settings.MemoryLimitBytes;
        Tunables = new NodeTunables(settings);
        StartedAt = DateTimeOffset.UtcNow;
    }

    public NodeSettings Settings { get; }

    public CacheEngine Engine { get; }

    public ICacheClock Clock => Engine.Clock;

    /// <summary>Settings that admin commands change at run time (slabs automove, lru, lru_crawler).</summary>
    public NodeTunables Tunables { get; }

    public NodeStatistics Statistics { get; } = new();

    public ServerStatistics ServerStatistics { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>Set once the listener runs; used by "stats conns".</summary>
    public IConnectionListener? Listener { get; set; }

    /// <summary>Runtime verbosity (the verbosity command changes it).</summary>
    public int Verbosity { get; set; }

    /// <summary>Current -m, changed by cache_memlimit.</summary>
    public long MemoryLimitBytes { get; set; }

    /// <summary>With -Y: the authfile's entries; text connections must authenticate before anything else.</summary>
    public AsciiAuthenticator? Authenticator { get; init; }

    /// <summary>Invoked by the shutdown command (only with -A).</summary>
    public Action? RequestShutdown { get; set; }
}
