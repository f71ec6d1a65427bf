namespace Memgate.Node.CommandLine;

/// <summary>
/// memcached's -o: a comma list of key[=value] parsed with getsubopt; every key memcached 1.6.18 (Debian build,
/// with extstore and TLS) accepts is accepted here, unknown keys fail as memcached fails.
/// </summary>
internal static class ExtendedOptions
{
    /// <summary>Keys accepted and stored but not acted on: extstore, TLS and socket tagging.</summary>
    private static readonly HashSet<string> Ignored =
    [
        "ext_path", "ext_wbuf_size", "ext_threads", "ext_io_depth", "ext_page_size", "ext_item_size", "ext_item_age",
        "ext_low_ttl", "ext_recache_rate", "ext_compact_under", "ext_drop_under", "ext_max_sleep", "ext_max_frag",
        "ext_drop_unread", "slab_automove_freeratio", "ssl_chain_cert", "ssl_key", "ssl_verify_mode", "ssl_keyformat",
        "ssl_ciphers", "ssl_ca_cert", "ssl_wbuf_size", "ssl_session_cache", "ssl_kernel_tls", "ssl_min_version",
        "sock_cookie_id", "resp_obj_mem_limit", "inline_ascii_resp", "no_inline_ascii_resp",
    ];

    /// <summary>Applies one -o argument; returns memcached's message (exit status 1) on failure.</summary>
    public static string? Apply(string list, ref NodeSettings s, ref bool slabChunkChanged, Dictionary<string, string?> ignored)
    {
        foreach (string token in list.Split(','))
        {
            if (token.Length == 0)
            {
                continue;
            }

            int equals = token.IndexOf('=', StringComparison.Ordinal);
            string key = equals < 0 ? token : token[..equals];
            string? value = equals < 0 ? null : token[(equals + 1)..];
            string? error = ApplyOne(key, value, ref s, ref slabChunkChanged, ignored);
            if (error is not null)
            {
                // getsubopt hands back the whole token for an unknown key: memcached prints it.
                return error.Length == 0 ? $"Illegal suboption \"{token}\"\n" : error;
            }
        }

        return null;
    }

    private static string? ApplyOne(string key, string? value, ref NodeSettings s, ref bool slabChunkChanged, Dictionary<string, string?> ignored)
    {
        switch (key)
        {
            case "maxconns_fast": s = s with { MaxConnsFast = true }; return null;
            case "no_maxconns_fast": s = s with { MaxConnsFast = false }; return null;
            case "hashpower":
                if (value is null)
                {
                    return "Missing numeric argument for hashpower\n";
                }

                int power = CNumber.Atoi(value);
                if (power < 12)
                {
                    return $"Initial hashtable multiplier of {power} is too low\n";
                }

                if (power > 32)
                {
                    return $"Initial hashtable multiplier of {power} is too high\nChoose a value based on \"STAT hash_power_level\" from a running instance\n";
                }

                s = s with { HashPowerInit = power };
                return null;
            case "no_hashexpand": s = s with { HashExpansionDisabled = true }; return null;
            case "slab_reassign": s = s with { SlabReassign = true }; return null;
            case "no_slab_reassign": s = s with { SlabReassign = false }; return null;
            case "slab_automove":
                int automove = value is null ? 1 : CNumber.Atoi(value);
                if (automove is < 0 or > 2)
                {
                    return "slab_automove must be between 0 and 2\n";
                }

                s = s with { SlabAutomove = automove };
                return null;
            case "no_slab_automove": s = s with { SlabAutomove = 0 }; return null;
            case "slab_automove_ratio":
                if (value is null)
                {
                    return "Missing slab_automove_ratio argument\n";
                }

                double ratio = CNumber.Atof(value);
                if (ratio <= 0 || ratio > 1)
                {
                    return "slab_automove_ratio must be > 0 and < 1\n";
                }

                s = s with { SlabAutomoveRatio = ratio };
                return null;
            case "slab_automove_window":
                if (value is null)
                {
                    return "Missing slab_automove_window argument\n";
                }

                int window = CNumber.Atoi(value);
                if (window < 3)
                {
                    return "slab_automove_window must be > 2\n";
                }

                s = s with { SlabAutomoveWindow = window };
                return null;
            case "tail_repair_time":
                if (value is null)
                {
                    return "Missing numeric argument for tail_repair_time\n";
                }

                int repair = CNumber.Atoi(value);
                if (repair < 10)
                {
                    return "Cannot set tail_repair_time to less than 10 seconds\n";
                }

                s = s with { TailRepairTime = repair };
                return null;
            case "hash_algorithm":
                if (value is null)
                {
                    return "Missing hash_algorithm argument\n";
                }

                if (value is not ("jenkins" or "murmur3" or "xxh3"))
                {
                    return "Unknown hash_algorithm option (jenkins, murmur3, xxh3)\n";
                }

                s = s with { HashAlgorithm = value };
                return null;
            case "lru_crawler": s = s with { LruCrawler = true }; return null;
            case "no_lru_crawler": s = s with { LruCrawler = false }; return null;
            case "lru_crawler_sleep":
                if (value is null)
                {
                    return "Missing lru_crawler_sleep value\n";
                }

                int sleep = CNumber.Atoi(value);
                if (sleep is > 1000000 or < 0)
                {
                    return "LRU crawler sleep must be between 0 and 1 second\n";
                }

                s = s with { LruCrawlerSleep = sleep };
                return null;
            case "lru_crawler_tocrawl":
                if (value is null)
                {
                    return "Missing lru_crawler_tocrawl value\n";
                }

                if (!CNumber.TryStrictInteger(value, out long tocrawl) || tocrawl is < 0 or > uint.MaxValue)
                {
                    return "lru_crawler_tocrawl takes a numeric 32bit value\n";
                }

                s = s with { LruCrawlerToCrawl = (int)Math.Min(tocrawl, int.MaxValue) };
                return null;
            case "lru_maintainer": s = s with { LruMaintainer = true, LruSegmented = true }; return null;
            case "no_lru_maintainer": s = s with { LruMaintainer = false, LruSegmented = false }; return null;
            case "hot_lru_pct" or "warm_lru_pct":
                if (value is null)
                {
                    return $"Missing {key} argument\n";
                }

                int pct = CNumber.Atoi(value);
                if (pct is < 1 or >= 80)
                {
                    return $"{key} must be > 1 and < 80\n";
                }

                s = key == "hot_lru_pct" ? s with { HotLruPct = pct } : s with { WarmLruPct = pct };
                return null;
            case "hot_max_factor" or "warm_max_factor":
                if (value is null)
                {
                    return $"Missing {key} argument\n";
                }

                double factor = CNumber.Atof(value);
                if (factor <= 0)
                {
                    return $"{key} must be > 0\n";
                }

                s = key == "hot_max_factor" ? s with { HotMaxFactor = factor } : s with { WarmMaxFactor = factor };
                return null;
            case "temporary_ttl":
                if (value is null)
                {
                    return "Missing temporary_ttl argument\n";
                }

                s = s with { TempLru = true, TemporaryTtl = CNumber.Atoi(value) };
                return null;
            case "idle_timeout":
                if (value is null)
                {
                    return "Missing numeric argument for idle_timeout\n";
                }

                s = s with { IdleTimeout = CNumber.Atoi(value) };
                return null;
            case "watcher_logbuf_size" or "worker_logbuf_size":
                if (value is null)
                {
                    return $"Missing {key} argument\n";
                }

                if (!CNumber.TryStrictInteger(value, out long kilobytes) || kilobytes < 0)
                {
                    return $"could not parse argument to {key}\n";
                }

                int bytes = unchecked((int)(kilobytes * 1024));
                s = key == "watcher_logbuf_size" ? s with { WatcherLogbufSize = bytes } : s with { WorkerLogbufSize = bytes };
                return null;
            case "read_buf_mem_limit":
                if (value is null)
                {
                    return "Missing read_buf_mem_limit argument\n";
                }

                if (!CNumber.TryStrictInteger(value, out long megabytes) || megabytes < 0)
                {
                    return "could not parse argument to read_buf_mem_limit\n";
                }

                s = s with { ReadBufMemLimit = unchecked((int)(megabytes * 1024 * 1024)) };
                return null;
            case "slab_sizes": s = s with { SlabSizes = value }; return null;
            case "slab_chunk_max":
                if (value is null)
                {
                    return "Missing slab_chunk_max argument\n";
                }

                // memcached prints this and goes on to crash with SIGFPE; failing cleanly is kinder.
                if (!CNumber.TryStrictInteger(value, out long chunkMax) || chunkMax is <= 0 or > int.MaxValue)
                {
                    return "could not parse argument to slab_chunk_max\n";
                }

                s = s with { SlabChunkMax = (int)chunkMax };
                slabChunkChanged = true;
                return null;
            case "track_sizes": s = s with { TrackSizes = true }; return null;
            case "no_chunked_items": s = s with { SlabChunkMax = SlabPageSize }; return null;
            case "modern": return null;
            case "no_modern":
                s = s with
                {
                    SlabChunkMax = slabChunkChanged ? s.SlabChunkMax : SlabPageSize,
                    SlabReassign = false,
                    SlabAutomove = 0,
                    MaxConnsFast = false,
                    LruSegmented = false,
                    HashAlgorithm = "jenkins",
                    LruCrawler = false,
                    LruMaintainer = false,
                };
                return null;
            case "drop_privileges": s = s with { DropPrivileges = true }; return null;
            case "no_drop_privileges": s = s with { DropPrivileges = false }; return null;

            case "memgate_transport":
                switch (value)
                {
                    case "epoll": s = s with { Transport = NodeTransport.Epoll }; return null;
                    case "sockets": s = s with { Transport = NodeTransport.Sockets }; return null;
                    default: return "memgate_transport must be epoll or sockets\n";
                }

            // Only debug builds of memcached know it, but its test harness always passes it.
            case "relaxed_privileges": return null;
            default:
                if (Ignored.Contains(key))
                {
                    ignored[key] = value;
                    return null;
                }

                return "";
        }
    }

    /// <summary>memcached's slab page size (1 MB); the item size and chunk limits are checked against it.</summary>
    public const int SlabPageSize = 1024 * 1024;
}
