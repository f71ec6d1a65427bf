namespace Memgate.Proxy.Configuration;

/// <summary>A named set of backend servers and how keys are placed on them.</summary>
public sealed class PoolSettings
{
    /// <summary>Pool name, referenced by <see cref="ReplicaPool"/> and shown in stats.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Servers as "host[:port][:weight] [name]"; the port defaults to 11211.</summary>
    public List<string> Servers { get; set; } = [];

    /// <summary>"ketama" (default), "modula" or "jump".</summary>
    public string Distribution { get; set; } = "ketama";

    /// <summary>Key hash, twemproxy names: md5 (default), one_at_a_time, fnv1_32, fnv1a_32, fnv1_64, fnv1a_64, crc32, crc32a, magent_djb.</summary>
    public string Hash { get; set; } = "md5";

    /// <summary>Ketama layout: "weighted" (libmemcached ketama_weighted = twemproxy, default) or "libmemcached" (pylibmc ketama=True).</summary>
    public string KetamaMode { get; set; } = "weighted";

    /// <summary>Name of the pool that holds the replicas of this pool's keys, or null for none.</summary>
    public string? ReplicaPool { get; set; }

    /// <summary>Pipelined connections kept to each server of the pool.</summary>
    public int ConnectionsPerServer { get; set; } = 2;
}
