using System.Diagnostics;
using System.Globalization;
using Memgate.Server;

namespace Memgate.Node.Stats;

/// <summary>The plain "stats" reply: memcached 1.6.18's fields, in its order.</summary>
internal static class GeneralStats
{
    // Process start is relative time ~62 in memcached (process_started = time(0) - ITEM_UPDATE_INTERVAL - 2) and
    // "uptime" subtracts the update interval again.
    private const int ItemUpdateInterval = 60;

    public static void Write(NodeContext node, OutputBuffer output)
    {
        var settings = node.Settings;
        var s = node.Statistics;
        var server = node.ServerStatistics;
        var cache = node.Engine.GetStatistics();
        uint now = node.Clock.CurrentTime;
        using var process = Process.GetCurrentProcess();

        output.WriteStat("pid"u8, Environment.ProcessId);
        output.WriteStat("uptime"u8, Math.Max(0, (long)now - ItemUpdateInterval));
        output.WriteStat("time"u8, node.Clock.ProcessStartedUnixTime + now);
        output.WriteStat("version", NodeVersion.Number);
        output.WriteStat("libevent", "none");
        output.WriteStat("pointer_size"u8, IntPtr.Size * 8);
        output.WriteStat("rusage_user", FormatSeconds(process.UserProcessorTime));
        output.WriteStat("rusage_system", FormatSeconds(process.PrivilegedProcessorTime));
        output.WriteStat("max_connections"u8, settings.MaxConnections);
        output.WriteStat("curr_connections"u8, Volatile.Read(ref server.CurrConnections));
        output.WriteStat("total_connections"u8, Volatile.Read(ref server.TotalConnections));
        output.WriteStat("rejected_connections"u8, Volatile.Read(ref server.RejectedConnections));
        output.WriteStat("connection_structures"u8, Volatile.Read(ref server.ConnectionStructures));
        output.WriteStat("response_obj_oom"u8, 0);
        output.WriteStat("response_obj_count"u8, 1);
        output.WriteStat("response_obj_bytes"u8, 0);
        output.WriteStat("read_buf_count"u8, Volatile.Read(ref server.CurrConnections));
        output.WriteStat("read_buf_bytes"u8, 0);
        output.WriteStat("read_buf_bytes_free"u8, 0);
        output.WriteStat("read_buf_oom"u8, 0);
        output.WriteStat("reserved_fds"u8, 20);
        output.WriteStat("cmd_get"u8, Volatile.Read(ref s.CmdGet));
        output.WriteStat("cmd_set"u8, Volatile.Read(ref s.CmdSet));
        output.WriteStat("cmd_flush"u8, Volatile.Read(ref s.CmdFlush));
        output.WriteStat("cmd_touch"u8, Volatile.Read(ref s.CmdTouch));
        output.WriteStat("cmd_meta"u8, Volatile.Read(ref s.CmdMeta));
        output.WriteStat("get_hits"u8, Volatile.Read(ref s.GetHits));
        output.WriteStat("get_misses"u8, Volatile.Read(ref s.GetMisses));
        output.WriteStat("get_expired"u8, Volatile.Read(ref s.GetExpired));
        output.WriteStat("get_flushed"u8, Volatile.Read(ref s.GetFlushed));
        output.WriteStat("delete_misses"u8, Volatile.Read(ref s.DeleteMisses));
        output.WriteStat("delete_hits"u8, Volatile.Read(ref s.DeleteHits));
        output.WriteStat("incr_misses"u8, Volatile.Read(ref s.IncrMisses));
        output.WriteStat("incr_hits"u8, Volatile.Read(ref s.IncrHits));
        output.WriteStat("decr_misses"u8, Volatile.Read(ref s.DecrMisses));
        output.WriteStat("decr_hits"u8, Volatile.Read(ref s.DecrHits));
        output.WriteStat("cas_misses"u8, Volatile.Read(ref s.CasMisses));
        output.WriteStat("cas_hits"u8, Volatile.Read(ref s.CasHits));
        output.WriteStat("cas_badval"u8, Volatile.Read(ref s.CasBadval));
        output.WriteStat("touch_hits"u8, Volatile.Read(ref s.TouchHits));
        output.WriteStat("touch_misses"u8, Volatile.Read(ref s.TouchMisses));
        output.WriteStat("store_too_large"u8, Volatile.Read(ref s.StoreTooLarge));
        output.WriteStat("store_no_memory"u8, Volatile.Read(ref s.StoreNoMemory));
        output.WriteStat("auth_cmds"u8, Volatile.Read(ref s.AuthCmds));
        output.WriteStat("auth_errors"u8, Volatile.Read(ref s.AuthErrors));
        if (settings.IdleTimeout > 0)
        {
            // memcached lists idle_kicks only when -o idle_timeout is set.
            output.WriteStat("idle_kicks"u8, Volatile.Read(ref server.IdleKicks));
        }

        output.WriteStat("bytes_read"u8, Volatile.Read(ref server.BytesRead));
        output.WriteStat("bytes_written"u8, Volatile.Read(ref server.BytesWritten));
        output.WriteStat("limit_maxbytes"u8, node.MemoryLimitBytes);
        output.WriteStat("accepting_conns"u8, 1);
        output.WriteStat("listen_disabled_num"u8, Volatile.Read(ref server.ListenDisabledNum));
        output.WriteStat("time_in_listen_disabled_us"u8, 0);
        output.WriteStat("threads"u8, settings.Threads);
        output.WriteStat("conn_yields"u8, Volatile.Read(ref server.ConnYields));
        output.WriteStat("hash_power_level"u8, cache.HashPowerLevel);
        output.WriteStat("hash_bytes"u8, cache.HashBytes);
        output.WriteStat("hash_is_expanding"u8, cache.HashIsExpanding ? 1 : 0);
        output.WriteStat("slab_reassign_rescues"u8, 0);
        output.WriteStat("slab_reassign_chunk_rescues"u8, 0);
        output.WriteStat("slab_reassign_evictions_nomem"u8, 0);
        output.WriteStat("slab_reassign_inline_reclaim"u8, 0);
        output.WriteStat("slab_reassign_busy_items"u8, 0);
        output.WriteStat("slab_reassign_busy_deletes"u8, 0);
        output.WriteStat("slab_reassign_running"u8, 0);
        output.WriteStat("slabs_moved"u8, cache.SlabsMoved);
        output.WriteStat("lru_crawler_running"u8, 0);
        output.WriteStat("lru_crawler_starts"u8, cache.LruCrawlerStarts);
        output.WriteStat("lru_maintainer_juggles"u8, 0);
        output.WriteStat("malloc_fails"u8, 0);
        output.WriteStat("log_worker_dropped"u8, 0);
        output.WriteStat("log_worker_written"u8, 0);
        output.WriteStat("log_watcher_skipped"u8, 0);
        output.WriteStat("log_watcher_sent"u8, 0);
        output.WriteStat("log_watchers"u8, 0);
        output.WriteStat("unexpected_napi_ids"u8, 0);
        output.WriteStat("round_robin_fallback"u8, 0);
        output.WriteStat("bytes"u8, cache.Bytes);
        output.WriteStat("curr_items"u8, cache.CurrItems);
        output.WriteStat("total_items"u8, cache.TotalItems);
        output.WriteStat("slab_global_page_pool"u8, 0);
        output.WriteStat("expired_unfetched"u8, cache.ExpiredUnfetched);
        output.WriteStat("evicted_unfetched"u8, cache.EvictedUnfetched);
        output.WriteStat("evicted_active"u8, cache.EvictedActive);
        output.WriteStat("evictions"u8, cache.Evictions);
        output.WriteStat("reclaimed"u8, cache.Reclaimed);
        output.WriteStat("crawler_reclaimed"u8, cache.CrawlerReclaimed);
        output.WriteStat("crawler_items_checked"u8, cache.CrawlerItemsChecked);
        output.WriteStat("lrutail_reflocked"u8, 0);
        output.WriteStat("moves_to_cold"u8, 0);
        output.WriteStat("moves_to_warm"u8, 0);
        output.WriteStat("moves_within_lru"u8, 0);
        output.WriteStat("direct_reclaims"u8, cache.DirectReclaims);
        output.WriteStat("lru_bumps_dropped"u8, 0);
        output.Write("END\r\n"u8);
    }

    /// <summary>memcached prints rusage as seconds.microseconds with six digits.</summary>
    private static string FormatSeconds(TimeSpan time)
    {
        long micros = time.Ticks / 10;
        return string.Create(CultureInfo.InvariantCulture, $"{micros / 1_000_000}.{micros % 1_000_000:D6}");
    }
}
