using Memgate.Server;
using Memgate.Storage;

namespace Memgate.Node;

/// <summary>Everything memcached's command line configures, with memcached 1.6.18's defaults.</summary>
public sealed record NodeSettings
{
    public int TcpPort { get; init; } = 11211;
    public int UdpPort { get; init; }
    /// <summary>-l values as given (comma separated lists expanded); empty = INADDR_ANY.</summary>
    public IReadOnlyList<string> ListenAddresses { get; init; } = [];
    public string? UnixSocketPath { get; init; }
    public int UnixSocketMask { get; init; } = Convert.ToInt32("700", 8);
    public long MemoryLimitBytes { get; init; } = 64L * 1024 * 1024;
    public bool EvictionsDisabled { get; init; }
    public int MaxConnections { get; init; } = 1024;
    public int Threads { get; init; } = 4;
    public int MaxItemSize { get; init; } = 1024 * 1024;
    public bool CasDisabled { get; init; }
    /// <summary>-B: ascii, binary or auto.</summary>
    public string Protocol { get; init; } = "auto";
    public int ReqsPerEvent { get; init; } = 20;
    public int Backlog { get; init; } = 1024;
    public int Verbosity { get; init; }
    public bool ShutdownEnabled { get; init; }
    public bool FlushDisabled { get; init; }
    public bool DumpDisabled { get; init; }
    public bool WatchDisabled { get; init; }
    public string? User { get; init; }
    public bool Daemonize { get; init; }
    public string? PidFile { get; init; }
    public double GrowthFactor { get; init; } = 1.25;
    public int MinChunkSize { get; init; } = 48;
    public bool LargePages { get; init; }
    public bool LockMemory { get; init; }
    public string StatsPrefixDelimiter { get; init; } = ":";
    public bool SaslEnabled { get; init; }
    public string? AuthFile { get; init; }

    // -o extended options
    public bool MaxConnsFast { get; init; } = true;
    public int HashPowerInit { get; init; }
    public int IdleTimeout { get; init; }
    public int TailRepairTime { get; init; }
    public string HashAlgorithm { get; init; } = "murmur3";
    public bool LruCrawler { get; init; } = true;
    public int LruCrawlerSleep { get; init; } = 100;
    public int LruCrawlerToCrawl { get; init; }
    public bool LruMaintainer { get; init; } = true;
    public int HotLruPct { get; init; } = 20;
    public int WarmLruPct { get; init; } = 40;
    public double HotMaxFactor { get; init; } = 0.2;
    public double WarmMaxFactor { get; init; } = 2.0;
    public bool TempLru { get; init; }
    public int TemporaryTtl { get; init; } = 61;
    public int SlabChunkMax { get; init; } = 512 * 1024;
    public bool SlabReassign { get; init; } = true;
    public int SlabAutomove { get; init; } = 1;
    public double SlabAutomoveRatio { get; init; } = 0.8;
    public int SlabAutomoveWindow { get; init; } = 30;
    public bool TrackSizes { get; init; }
    public int WatcherLogbufSize { get; init; } = 262144;
    public int WorkerLogbufSize { get; init; } = 65536;
    public int ReadBufMemLimit { get; init; }
    public bool DropPrivileges { get; init; } = true;
    public string? MemoryFile { get; init; }

    /// <summary>
    /// -o memgate_transport: memgate's own key, not memcached's, so "stats settings" does not list it (its output
    /// stays byte-identical to memcached's). See docs/PERFORMANCE.md for why epoll exists.
    /// </summary>
    public NodeTransport Transport { get; init; } = NodeTransport.Epoll;

    // Accepted for compatibility; reported by "stats settings" where memcached reports them.
    /// <summary>-D given: per-prefix stats collection starts enabled.</summary>
    public bool DetailEnabled { get; init; }
    public bool LruSegmented { get; init; } = true;
    public bool HashExpansionDisabled { get; init; }
    public string? SlabSizes { get; init; }
    public bool CoreDumpsEnabled { get; init; }
    public int NapiIds { get; init; }
    public bool TlsEnabled { get; init; }
    /// <summary>-o keys memcached accepts that memgate does not act on (ext_*, ssl_*, sock_cookie_id, ...), as given.</summary>
    public IReadOnlyDictionary<string, string?> IgnoredExtendedOptions { get; init; } = new Dictionary<string, string?>();

    /// <summary>The storage engine's view of these settings.</summary>
    public CacheOptions ToCacheOptions() => new()
    {
        MemoryLimitBytes = MemoryLimitBytes,
        MaxItemSize = MaxItemSize,
        EvictionsDisabled = EvictionsDisabled,
        CasDisabled = CasDisabled,
        HashPower = HashPowerInit == 0 ? 16 : HashPowerInit,
        GrowthFactor = GrowthFactor,
        MinChunkSize = MinChunkSize,
    };
}
