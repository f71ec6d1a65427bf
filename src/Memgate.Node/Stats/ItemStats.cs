using Memgate.Server;
using Memgate.Storage;

namespace Memgate.Node.Stats;

/// <summary>"stats items": memcached's per-class LRU fields. The engine has one CLOCK per class, so every item counts as cold.</summary>
internal static class ItemStats
{
    public static void Write(CacheStatistics cache, OutputBuffer output)
    {
        foreach (var c in cache.Classes)
        {
            if (c.Number == 0)
            {
                continue;
            }

            Line(output, c.Id, "number", c.Number);
            Line(output, c.Id, "number_hot", 0);
            Line(output, c.Id, "number_warm", 0);
            Line(output, c.Id, "number_cold", c.Number);
            Line(output, c.Id, "age_hot", 0);
            Line(output, c.Id, "age_warm", 0);
            Line(output, c.Id, "age", c.Age);
            Line(output, c.Id, "mem_requested", c.MemRequested);
            Line(output, c.Id, "evicted", c.Evicted);
            Line(output, c.Id, "evicted_nonzero", c.EvictedNonzero);
            Line(output, c.Id, "evicted_time", c.EvictedTime);
            Line(output, c.Id, "outofmemory", c.OutOfMemory);
            Line(output, c.Id, "tailrepairs", 0);
            Line(output, c.Id, "reclaimed", c.Reclaimed);
            Line(output, c.Id, "expired_unfetched", c.ExpiredUnfetched);
            Line(output, c.Id, "evicted_unfetched", c.EvictedUnfetched);
            Line(output, c.Id, "evicted_active", c.EvictedActive);
            Line(output, c.Id, "crawler_reclaimed", c.CrawlerReclaimed);
            Line(output, c.Id, "crawler_items_checked", 0);
            Line(output, c.Id, "lrutail_reflocked", 0);
            Line(output, c.Id, "moves_to_cold", 0);
            Line(output, c.Id, "moves_to_warm", 0);
            Line(output, c.Id, "moves_within_lru", 0);
            Line(output, c.Id, "direct_reclaims", 0);
            Line(output, c.Id, "hits_to_hot", 0);
            Line(output, c.Id, "hits_to_warm", 0);
            Line(output, c.Id, "hits_to_cold", 0);
            Line(output, c.Id, "hits_to_temp", 0);
        }

        output.Write("END\r\n"u8);
    }

    private static void Line(OutputBuffer output, int classId, string name, long value)
        => output.WriteClassStat("items:"u8, classId, name, value);
}
