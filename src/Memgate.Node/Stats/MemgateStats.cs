using Memgate.Server;

namespace Memgate.Node.Stats;

/// <summary>
/// "stats memgate": memgate's own figures, kept out of plain "stats" so that reply stays byte-compatible with
/// memcached 1.6.18 (which answers "stats memgate" with ERROR). Shows where the process memory goes: item pages and
/// the hash table live in native memory, the GC heap holds only connections and buffers and must not grow with items.
/// </summary>
internal static class MemgateStats
{
    public static void Write(NodeContext node, OutputBuffer output)
    {
        var cache = node.Engine.GetStatistics();
        output.WriteStat("memgate_item_memory_bytes"u8, cache.TotalMalloced);
        output.WriteStat("memgate_hash_bytes"u8, cache.HashBytes);
        output.WriteStat("memgate_gc_heap_bytes"u8, GC.GetTotalMemory(forceFullCollection: false));
        output.WriteStat("memgate_gc_total_allocated_bytes"u8, GC.GetTotalAllocatedBytes(precise: false));
        output.WriteStat("memgate_gc_collections_gen0"u8, GC.CollectionCount(0));
        output.WriteStat("memgate_gc_collections_gen1"u8, GC.CollectionCount(1));
        output.WriteStat("memgate_gc_collections_gen2"u8, GC.CollectionCount(2));
        output.Write("END\r\n"u8);
    }
}
