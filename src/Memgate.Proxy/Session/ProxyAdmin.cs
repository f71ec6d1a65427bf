using System.Diagnostics;
using System.Globalization;
using System.Text;
using Memgate.Protocol.Text;
using Memgate.Proxy.Routing;
using Memgate.Server;

namespace Memgate.Proxy.Session;

/// <summary>
/// What the proxy answers itself: <c>stats</c> (its own counters plus per-backend state),
/// <c>stats backends</c>, <c>stats settings</c>, <c>stats reset</c>, and the admin namespace
/// <c>__memgate__ route &lt;key&gt;</c> / <c>__memgate__ backends</c> (mcrouter's route introspection idea).
/// Not a hot path: plain strings.
/// </summary>
public sealed class ProxyAdmin
{
    /// <summary>The admin command word; anything after it is a sub-command.</summary>
    public const string CommandName = "__memgate__";

    private const string Usage = "CLIENT_ERROR usage: __memgate__ route <key> | __memgate__ backends\r\n";

    private readonly ProxyCluster _cluster;
    private readonly ServerStatistics _server;
    private readonly long _started = Stopwatch.GetTimestamp();

    public ProxyAdmin(ProxyCluster cluster, ServerStatistics server)
    {
        _cluster = cluster;
        _server = server;
    }

    /// <summary>Answers <c>stats [args]</c>.</summary>
    public ProxyReply Stats(ReadOnlySpan<byte> arguments)
    {
        var reader = new TokenReader(arguments);
        if (!reader.TryRead(out ReadOnlySpan<byte> sub))
        {
            return Text(General());
        }

        if (sub.SequenceEqual("backends"u8))
        {
            return Text(Backends());
        }

        if (sub.SequenceEqual("settings"u8))
        {
            return Text(Settings());
        }

        if (sub.SequenceEqual("reset"u8))
        {
            _cluster.Statistics.Reset();
            _server.Reset();
            return ProxyReply.Literal(ReplyLines.Reset);
        }

        // Per-item statistics live on the nodes; a monitoring tool asking the proxy gets an empty list.
        if (sub.SequenceEqual("items"u8) || sub.SequenceEqual("slabs"u8) || sub.SequenceEqual("sizes"u8) || sub.SequenceEqual("conns"u8))
        {
            return ProxyReply.Literal(ReplyLines.End);
        }

        return ProxyReply.Literal(ReplyLines.Error);
    }

    /// <summary>Answers a <c>__memgate__ ...</c> line (without its line ending).</summary>
    public ProxyReply Admin(ReadOnlySpan<byte> line)
    {
        var reader = new TokenReader(line);
        reader.TryRead(out _);
        if (!reader.TryRead(out ReadOnlySpan<byte> sub))
        {
            return Text(Usage);
        }

        if (sub.SequenceEqual("backends"u8))
        {
            return Text(Backends());
        }

        if (sub.SequenceEqual("route"u8) && reader.TryRead(out ReadOnlySpan<byte> key) && key.Length <= TextRequestParser.MaxKeyLength)
        {
            return Text(Route(key));
        }

        return Text(Usage);
    }

    private string Route(ReadOnlySpan<byte> key)
    {
        KeyRoute route = _cluster.Router.Locate(key);
        var text = new StringBuilder();
        Stat(text, "key", Encoding.Latin1.GetString(key));
        Stat(text, "pool", _cluster.Router.PrimaryPool);
        Stat(text, "primary", route.Primary.Address);
        Stat(text, "primary_state", route.Primary.StateName);
        Stat(text, "primary_warmup", route.Primary.WarmUp.Mode.ToString().ToLowerInvariant());
        if (route.Replica is not null)
        {
            Stat(text, "replica_pool", _cluster.Router.ReplicaPool ?? string.Empty);
            Stat(text, "replica", route.Replica.Address);
            Stat(text, "replica_state", route.Replica.StateName);
            Stat(text, "replica_warmup", route.Replica.WarmUp.Mode.ToString().ToLowerInvariant());
        }

        string readFrom = route.Primary.Trusts(key) ? route.Primary.Address
            : route.Replica is not null && route.Replica.Trusts(key) ? route.Replica.Address : "none";
        Stat(text, "reads_from", readFrom);
        return text.Append("END\r\n").ToString();
    }

    private string General()
    {
        ProxyStatistics s = _cluster.Statistics;
        var text = new StringBuilder();
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Stat(text, "pid", Environment.ProcessId);
        Stat(text, "uptime", (long)Stopwatch.GetElapsedTime(_started).TotalSeconds);
        Stat(text, "time", now);
        Stat(text, "version", ProxyVersion.Protocol);
        Stat(text, "memgate_version", ProxyVersion.Memgate);
        Stat(text, "memgate_role", "proxy");
        Stat(text, "pointer_size", IntPtr.Size * 8);
        Stat(text, "threads", _cluster.Settings.EventLoopCount());
        Stat(text, "memgate_gc_heap_bytes", GC.GetTotalMemory(forceFullCollection: false));
        Stat(text, "memgate_gc_total_allocated_bytes", GC.GetTotalAllocatedBytes(precise: false));
        Stat(text, "memgate_gc_collections_gen0", GC.CollectionCount(0));
        Stat(text, "memgate_gc_collections_gen2", GC.CollectionCount(2));
        Stat(text, "curr_connections", Interlocked.Read(ref _server.CurrConnections));
        Stat(text, "total_connections", Interlocked.Read(ref _server.TotalConnections));
        Stat(text, "rejected_connections", Interlocked.Read(ref _server.RejectedConnections));
        Stat(text, "bytes_read", Interlocked.Read(ref _server.BytesRead));
        Stat(text, "bytes_written", Interlocked.Read(ref _server.BytesWritten));
        Stat(text, "cmd_get", Interlocked.Read(ref s.CmdGet));
        Stat(text, "cmd_set", Interlocked.Read(ref s.CmdSet));
        Stat(text, "cmd_touch", Interlocked.Read(ref s.CmdTouch));
        Stat(text, "cmd_flush", Interlocked.Read(ref s.CmdFlush));
        Stat(text, "cmd_delete", Interlocked.Read(ref s.CmdDelete));
        Stat(text, "cmd_arithmetic", Interlocked.Read(ref s.CmdArithmetic));
        Stat(text, "cmd_meta", Interlocked.Read(ref s.CmdMeta));
        Stat(text, "get_hits", Interlocked.Read(ref s.GetHits));
        Stat(text, "get_misses", Interlocked.Read(ref s.GetMisses));
        Stat(text, "read_failovers", Interlocked.Read(ref s.ReadFailovers));
        Stat(text, "write_failovers", Interlocked.Read(ref s.WriteFailovers));
        Stat(text, "replica_writes", Interlocked.Read(ref s.ReplicaWrites));
        Stat(text, "replica_failures", Interlocked.Read(ref s.ReplicaFailures));
        Stat(text, "single_copy_writes", Interlocked.Read(ref s.SingleCopyWrites));
        Stat(text, "replica_value_copies", Interlocked.Read(ref s.ReplicaValueCopies));
        Stat(text, "replica_invalidations", Interlocked.Read(ref s.ReplicaInvalidations));
        Stat(text, "replica_touches", Interlocked.Read(ref s.ReplicaTouches));
        Stat(text, "repairs_queued", Interlocked.Read(ref s.RepairsQueued));
        Stat(text, "repairs_replayed", Interlocked.Read(ref s.RepairsReplayed));
        Stat(text, "repair_overflows", Interlocked.Read(ref s.RepairOverflows));
        Stat(text, "repair_flushes", Interlocked.Read(ref s.RepairFlushes));
        Stat(text, "requests_failed", Interlocked.Read(ref s.RequestsFailed));
        Stat(text, "restarts_detected", Interlocked.Read(ref s.RestartsDetected));
        Stat(text, "warmup_lookups", Interlocked.Read(ref s.WarmupLookups));
        Stat(text, "warmup_hits", Interlocked.Read(ref s.WarmupHits));
        Stat(text, "warmup_copies", Interlocked.Read(ref s.WarmupCopies));
        Stat(text, "warmup_copy_failures", Interlocked.Read(ref s.WarmupCopyFailures));
        Stat(text, "resync_runs", Interlocked.Read(ref s.ResyncRuns));
        Stat(text, "resync_keys_scanned", Interlocked.Read(ref s.ResyncKeysScanned));
        Stat(text, "resync_keys_copied", Interlocked.Read(ref s.ResyncKeysCopied));
        Stat(text, "resync_failures", Interlocked.Read(ref s.ResyncFailures));
        IReadOnlyList<ClusterNode> nodes = _cluster.Nodes;
        int repairDepth = 0;
        int up = 0;
        int suspect = 0;
        int warming = 0;
        foreach (ClusterNode node in nodes)
        {
            repairDepth += node.Repairs.Count;
            string state = node.StateName;
            up += state == "up" ? 1 : 0;
            suspect += state == "suspect" ? 1 : 0;
            warming += state == "warming" ? 1 : 0;
        }

        Stat(text, "repair_queue_depth", repairDepth);
        Stat(text, "backends", nodes.Count);
        Stat(text, "backends_up", up);
        Stat(text, "backends_warming", warming);
        Stat(text, "backends_suspect", suspect);
        Stat(text, "backends_down", nodes.Count - up - suspect - warming);
        for (int i = 0; i < nodes.Count; i++)
        {
            foreach ((string name, string value) in BackendFields(nodes[i]))
            {
                Stat(text, $"backend_{i}_{name}", value);
            }
        }

        return text.Append("END\r\n").ToString();
    }

    private string Backends()
    {
        var text = new StringBuilder();
        foreach (ClusterNode node in _cluster.Nodes)
        {
            text.Append("STAT ").Append(node.Address);
            foreach ((string name, string value) in BackendFields(node))
            {
                if (name != "address")
                {
                    text.Append(' ').Append(name).Append('=').Append(value);
                }
            }

            text.Append("\r\n");
        }

        return text.Append("END\r\n").ToString();
    }

    private static IEnumerable<(string Name, string Value)> BackendFields(ClusterNode node)
    {
        var counters = node.Backend.Health.Counters;
        yield return ("address", node.Address);
        yield return ("state", node.StateName);
        yield return ("pools", node.Roles);
        yield return ("inflight", Number(node.Backend.InFlight));
        yield return ("replies", Number(counters.Replies));
        yield return ("merged_gets", Number(node.Backend.MergedGets));
        yield return ("timeouts", Number(counters.Timeouts));
        yield return ("connect_failures", Number(counters.ConnectFailures));
        yield return ("connections_lost", Number(counters.ConnectionsLost));
        yield return ("fast_failures", Number(counters.FastFailures));
        yield return ("failovers", Number(node.Failovers));
        yield return ("missed_writes", Number(node.CopyFailures));
        yield return ("single_copy_writes", Number(node.SingleCopyWrites));
        yield return ("repair_queue", Number(node.Repairs.Count));
        yield return ("needs_flush", node.Repairs.NeedsFlush ? "1" : "0");
        yield return ("warmup", node.WarmUp.Mode.ToString().ToLowerInvariant());
        yield return ("restarts", Number(node.Backend.Health.Identity.Restarts));
        yield return ("backend_pid", Number(node.Backend.Health.Identity.Last?.Pid ?? 0));
        yield return ("warmup_lookups", Number(node.WarmUp.Lookups));
        yield return ("warmup_hits", Number(node.WarmUp.Hits));
        yield return ("warmup_copies", Number(node.WarmUp.Copies));
        yield return ("warmup_copy_failures", Number(node.WarmUp.CopyFailures));
        yield return ("probes", Number(counters.Probes));
        yield return ("state_changes", Number(counters.StateChanges));
        yield return ("latency_mean_us", Number(counters.LatencyMeanMicros));
        yield return ("latency_max_us", Number(counters.LatencyMaxMicros));
    }

    private string Settings()
    {
        var settings = _cluster.Settings;
        var text = new StringBuilder();
        Stat(text, "listen", settings.ListenAddress);
        Stat(text, "port", settings.Port);
        Stat(text, "maxconns", settings.MaxConnections);
        Stat(text, "threads", settings.EventLoopCount());
        Stat(text, "transport", settings.Transport);
        Stat(text, "item_size_max", settings.MaxItemSize);
        Stat(text, "connect_timeout_ms", settings.Timeouts.ConnectMs);
        Stat(text, "request_timeout_ms", settings.Timeouts.RequestMs);
        Stat(text, "timeouts_to_mark_down", settings.Health.TimeoutsToMarkDown);
        Stat(text, "probe_initial_ms", settings.Health.ProbeInitialMs);
        Stat(text, "probe_max_ms", settings.Health.ProbeMaxMs);
        Stat(text, "identity_check_ms", settings.Health.IdentityCheckMs);
        Stat(text, "warmup_seconds", settings.Health.WarmupSeconds);
        Stat(text, "warmup_window_lookups", settings.Health.WarmupWindowLookups);
        Stat(text, "warmup_exit_hit_percent", settings.Health.WarmupExitHitPercent.ToString(CultureInfo.InvariantCulture));
        Stat(text, "warmup_when_first_seen_empty", settings.Health.WarmupWhenFirstSeenEmpty ? "yes" : "no");
        Stat(text, "resync_when_empty", settings.Health.ResyncWhenEmpty ? "yes" : "no");
        Stat(text, "repair_queue_capacity", settings.RepairQueueCapacity);
        Stat(text, "primary_pool", _cluster.Router.PrimaryPool);
        Stat(text, "replica_pool", _cluster.Router.ReplicaPool ?? "none");
        foreach (var pool in settings.Pools)
        {
            Stat(text, $"pool_{pool.Name}_servers", string.Join(',', pool.Servers));
            Stat(text, $"pool_{pool.Name}_distribution", pool.Distribution);
            Stat(text, $"pool_{pool.Name}_hash", pool.Hash);
        }

        return text.Append("END\r\n").ToString();
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Stat(StringBuilder text, string name, long value) => Stat(text, name, Number(value));

    private static void Stat(StringBuilder text, string name, string value) =>
        text.Append("STAT ").Append(name).Append(' ').Append(value).Append("\r\n");

    private static ProxyReply Text(string text) => ProxyReply.Copy(Encoding.Latin1.GetBytes(text));
}
