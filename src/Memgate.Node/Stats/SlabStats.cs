using Memgate.Server;
using Memgate.Storage;

namespace Memgate.Node.Stats;

/// <summary>"stats slabs": per-class memory figures and the totals memcached_exporter reads (total_malloced).</summary>
internal static class SlabStats
{
    public static void Write(CacheStatistics cache, OutputBuffer output)
    {
        int active = 0;
        foreach (var c in cache.Classes)
        {
            if (c.TotalPages == 0)
            {
                continue;
            }

            active++;
            Line(output, c.Id, "chunk_size", c.ChunkSize);
            Line(output, c.Id, "chunks_per_page", c.ChunksPerPage);
            Line(output, c.Id, "total_pages", c.TotalPages);
            Line(output, c.Id, "total_chunks", c.TotalChunks);
            Line(output, c.Id, "used_chunks", c.UsedChunks);
            Line(output, c.Id, "free_chunks", c.FreeChunks);
            Line(output, c.Id, "free_chunks_end", 0);

            // Command hits are counted per node, not per class; memcached_exporter only reads these with --enable-slab.
            Line(output, c.Id, "get_hits", 0);
            Line(output, c.Id, "cmd_set", 0);
            Line(output, c.Id, "delete_hits", 0);
            Line(output, c.Id, "incr_hits", 0);
            Line(output, c.Id, "decr_hits", 0);
            Line(output, c.Id, "cas_hits", 0);
            Line(output, c.Id, "cas_badval", 0);
            Line(output, c.Id, "touch_hits", 0);
        }

        output.WriteStat("active_slabs"u8, active);
        output.WriteStat("total_malloced"u8, cache.TotalMalloced);
        output.Write("END\r\n"u8);
    }

    private static void Line(OutputBuffer output, int classId, string name, long value)
        => output.WriteClassStat(default, classId, name, value);
}
