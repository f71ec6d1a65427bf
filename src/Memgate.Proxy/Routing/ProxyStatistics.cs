namespace Memgate.Proxy.Routing;

/// <summary>The proxy's own counters (memcached's names where one exists), updated with interlocked operations.</summary>
public sealed class ProxyStatistics
{
    public long CmdGet;
    public long CmdSet;
    public long CmdTouch;
    public long CmdFlush;
    public long CmdDelete;
    public long CmdArithmetic;
    public long CmdMeta;
    public long GetHits;
    public long GetMisses;

    /// <summary>Reads answered by the replica because the primary failed, timed out, was down or missed a write.</summary>
    public long ReadFailovers;

    /// <summary>Writes answered by the replica because the primary failed.</summary>
    public long WriteFailovers;

    /// <summary>Copies of writes sent to replicas (parallel writes and primary-decided copies).</summary>
    public long ReplicaWrites;

    /// <summary>Copies that did not land on the replica (each queued as a repair).</summary>
    public long ReplicaFailures;

    /// <summary>
    /// Writes the client was told succeeded while one of the key's two copies (primary or replica) failed and was
    /// queued for repair: until the repair replayed them, these keys live on one copy only (the double-fault window).
    /// </summary>
    public long SingleCopyWrites;

    /// <summary>Touches (<c>mg key T&lt;ttl&gt;</c>) sent to the other copy of a key read with gat, gats or mg with T.</summary>
    public long ReplicaTouches;

    /// <summary>Keys whose value was copied from the primary to the replica with mg → ms.</summary>
    public long ReplicaValueCopies;

    /// <summary>Replica copies that fell back to invalidating the key on the replica.</summary>
    public long ReplicaInvalidations;

    /// <summary>Keys queued for invalidation on a backend that missed a write.</summary>
    public long RepairsQueued;

    /// <summary>Queued invalidations delivered.</summary>
    public long RepairsReplayed;

    /// <summary>Repair queues that overflowed (the backend gets flushed before it is trusted again).</summary>
    public long RepairOverflows;

    /// <summary>Backends flushed because their repair queue overflowed or a flush_all missed them.</summary>
    public long RepairFlushes;

    /// <summary>Requests that no copy could answer (the client got SERVER_ERROR or a miss).</summary>
    public long RequestsFailed;

    /// <summary>Backend restarts recognised from a changed pid/uptime (each starts a warm-up).</summary>
    public long RestartsDetected;

    /// <summary>Misses on a warming primary looked up on the replica.</summary>
    public long WarmupLookups;

    /// <summary>Warm-up lookups the replica answered with a value.</summary>
    public long WarmupHits;

    /// <summary>Replica values copied back into a warming primary.</summary>
    public long WarmupCopies;

    /// <summary>Copies back that failed or were skipped because a write of the key was in flight.</summary>
    public long WarmupCopyFailures;

    /// <summary>Bulk re-syncs started (a node found empty: restarted or flushed).</summary>
    public long ResyncRuns;

    /// <summary>Keys listed by the other copies' metadumps during re-syncs.</summary>
    public long ResyncKeysScanned;

    /// <summary>Keys a re-sync copied into the emptied node (add mode: never over a newer write).</summary>
    public long ResyncKeysCopied;

    /// <summary>Sources a re-sync could not read (no lru_crawler, connection lost) or copies that failed.</summary>
    public long ResyncFailures;

    public void Reset()
    {
        Interlocked.Exchange(ref CmdGet, 0);
        Interlocked.Exchange(ref CmdSet, 0);
        Interlocked.Exchange(ref CmdTouch, 0);
        Interlocked.Exchange(ref CmdFlush, 0);
        Interlocked.Exchange(ref CmdDelete, 0);
        Interlocked.Exchange(ref CmdArithmetic, 0);
        Interlocked.Exchange(ref CmdMeta, 0);
        Interlocked.Exchange(ref GetHits, 0);
        Interlocked.Exchange(ref GetMisses, 0);
        Interlocked.Exchange(ref ReadFailovers, 0);
        Interlocked.Exchange(ref WriteFailovers, 0);
        Interlocked.Exchange(ref ReplicaWrites, 0);
        Interlocked.Exchange(ref ReplicaFailures, 0);
        Interlocked.Exchange(ref SingleCopyWrites, 0);
        Interlocked.Exchange(ref ReplicaTouches, 0);
        Interlocked.Exchange(ref ReplicaValueCopies, 0);
        Interlocked.Exchange(ref ReplicaInvalidations, 0);
        Interlocked.Exchange(ref RepairsQueued, 0);
        Interlocked.Exchange(ref RepairsReplayed, 0);
        Interlocked.Exchange(ref RequestsFailed, 0);
        Interlocked.Exchange(ref WarmupLookups, 0);
        Interlocked.Exchange(ref WarmupHits, 0);
        Interlocked.Exchange(ref WarmupCopies, 0);
        Interlocked.Exchange(ref WarmupCopyFailures, 0);
        Interlocked.Exchange(ref ResyncKeysScanned, 0);
        Interlocked.Exchange(ref ResyncKeysCopied, 0);
        Interlocked.Exchange(ref ResyncFailures, 0);
    }
}
