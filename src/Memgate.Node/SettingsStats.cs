using System.Buffers;
using System.Globalization;
using System.Text;

namespace Memgate.Node;

/// <summary>
/// The `stats settings` lines of memcached 1.6.18 (Debian build: extstore and TLS compiled in), same names, same
/// order, same formats. Features memgate does not have (extstore, TLS, NAPI) report memcached's defaults so
/// exporters and scripts that read them keep working.
/// </summary>
public static class SettingsStats
{
    /// <summary>The name/value pairs in memcached's order.</summary>
    /// <param name="settings">The node's settings.</param>
    /// <param name="verbosity">Current verbosity (the `verbosity` command changes it); null = from settings.</param>
    /// <param name="detailEnabled">Current `stats detail on|off` state; null = from settings.</param>
    /// <param name="oldestLive">Relative time of the last flush_all (memcached's settings.oldest_live).</param>
    public static IReadOnlyList<KeyValuePair<string, string>> GetPairs(NodeSettings settings, int? verbosity = null, bool? detailEnabled = null, long oldestLive = 0)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var s = settings;
        bool multipleInterfaces = s.ListenAddresses.Count > 1;
        var pairs = new List<KeyValuePair<string, string>>(80);
        void Add(string name, string value) => pairs.Add(new(name, value));
        static string YesNo(bool value) => value ? "yes" : "no";
        static string Fixed(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

        Add("maxbytes", ((ulong)s.MemoryLimitBytes).ToString(CultureInfo.InvariantCulture));
        Add("maxconns", Number(s.MaxConnections));
        Add("tcpport", Number(s.TcpPort));
        Add("udpport", Number(s.UdpPort));
        Add("inter", s.ListenAddresses.Count == 0 ? "NULL" : string.Join(',', s.ListenAddresses));
        Add("verbosity", Number(verbosity ?? s.Verbosity));
        Add("oldest", Number(oldestLive));
        Add("evictions", s.EvictionsDisabled ? "off" : "on");
        Add("domain_socket", s.UnixSocketPath ?? "NULL");
        Add("umask", Convert.ToString(s.UnixSocketMask, 8));
        Add("shutdown_command", YesNo(s.ShutdownEnabled));
        Add("growth_factor", Fixed(s.GrowthFactor, 2));
        Add("chunk_size", Number(s.MinChunkSize));
        Add("num_threads", Number(s.Threads));
        Add("num_threads_per_udp", Number(multipleInterfaces ? 1 : s.Threads));
        Add("stat_key_prefix", s.StatsPrefixDelimiter);
        Add("detail_enabled", YesNo(detailEnabled ?? s.DetailEnabled));
        Add("reqs_per_event", Number(s.ReqsPerEvent));
        Add("cas_enabled", YesNo(!s.CasDisabled));
        Add("tcp_backlog", Number(s.Backlog));
        Add("binding_protocol", s.Protocol == "auto" ? "auto-negotiate" : s.Protocol);
        Add("auth_enabled_sasl", YesNo(s.SaslEnabled));
        Add("auth_enabled_ascii", s.AuthFile ?? "no");
        Add("item_size_max", Number(s.MaxItemSize));
        Add("maxconns_fast", YesNo(s.MaxConnsFast));
        Add("hashpower_init", Number(s.HashPowerInit));
        Add("slab_reassign", YesNo(s.SlabReassign));
        Add("slab_automove", Number(s.SlabAutomove));
        Add("slab_automove_ratio", Fixed(s.SlabAutomoveRatio, 2));
        Add("slab_automove_window", Number(s.SlabAutomoveWindow));
        Add("slab_chunk_max", Number(s.SlabChunkMax));
        Add("lru_crawler", YesNo(s.LruCrawler));
        Add("lru_crawler_sleep", Number(s.LruCrawlerSleep));
        Add("lru_crawler_tocrawl", Number(s.LruCrawlerToCrawl));
        Add("tail_repair_time", Number(s.TailRepairTime));
        Add("flush_enabled", YesNo(!s.FlushDisabled));
        Add("dump_enabled", YesNo(!s.DumpDisabled));
        Add("hash_algorithm", s.HashAlgorithm);
        Add("lru_maintainer_thread", YesNo(s.LruMaintainer));
        Add("lru_segmented", YesNo(s.LruSegmented));
        Add("hot_lru_pct", Number(s.HotLruPct));
        Add("warm_lru_pct", Number(s.WarmLruPct));
        Add("hot_max_factor", Fixed(s.HotMaxFactor, 2));
        Add("warm_max_factor", Fixed(s.WarmMaxFactor, 2));
        Add("temp_lru", YesNo(s.TempLru));
        Add("temporary_ttl", Number(s.TemporaryTtl));
        Add("idle_timeout", Number(s.IdleTimeout));
        Add("watcher_logbuf_size", Number(s.WatcherLogbufSize));
        Add("worker_logbuf_size", Number(s.WorkerLogbufSize));
        Add("read_buf_mem_limit", Number(s.ReadBufMemLimit));
        Add("track_sizes", YesNo(s.TrackSizes));
        Add("inline_ascii_response", "no");

        // extstore, TLS and NAPI: memcached's defaults (see the type remarks).
        Add("ext_item_size", "512");
        Add("ext_item_age", "4294967295");
        Add("ext_low_ttl", "0");
        Add("ext_recache_rate", "2000");
        Add("ext_wbuf_size", "4194304");
        Add("ext_compact_under", "0");
        Add("ext_drop_under", "0");
        Add("ext_max_sleep", "1000000");
        Add("ext_max_frag", "0.80");
        Add("slab_automove_freeratio", "0.010");
        Add("ext_drop_unread", "no");
        Add("ssl_enabled", "no");
        Add("ssl_chain_cert", "(null)");
        Add("ssl_key", "(null)");
        Add("ssl_verify_mode", "0");
        Add("ssl_keyformat", "1");
        Add("ssl_ciphers", "NULL");
        Add("ssl_ca_cert", "NULL");
        Add("ssl_wbuf_size", "16384");
        Add("ssl_session_cache", "no");
        Add("ssl_kernel_tls", "no");
        Add("ssl_min_version", "tlsv1.2");
        Add("num_napi_ids", s.NapiIds > 0 ? Number(s.NapiIds) : "(null)");
        Add("memory_file", s.MemoryFile ?? "(null)");
        return pairs;
    }

    /// <summary>Writes "STAT name value\r\n" for every pair (no END line; the caller ends the reply).</summary>
    public static void Write(NodeSettings settings, IBufferWriter<byte> output, int? verbosity = null, bool? detailEnabled = null, long oldestLive = 0)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var (name, value) in GetPairs(settings, verbosity, detailEnabled, oldestLive))
        {
            string line = "STAT " + name + " " + value + "\r\n";
            var span = output.GetSpan(line.Length);
            int written = Encoding.ASCII.GetBytes(line, span);
            output.Advance(written);
        }
    }
}
