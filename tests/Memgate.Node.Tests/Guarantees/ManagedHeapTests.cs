using System.Text;
using Memgate.Testing;
using Xunit.Abstractions;

namespace Memgate.Node.Tests.Guarantees;

/// <summary>
/// Items live off the GC heap: a node holding 1,000,000 items has a small managed heap (read through the
/// "stats memgate" extension) and needs at most ~90 bytes of RSS per 16-byte-key / 32-byte-value item
/// (memcached 1.6.18 needs ~125).
/// </summary>
public sealed class ManagedHeapTests(ITestOutputHelper output)
{
    private const int Items = 1_000_000;
    private const int ItemsPerBatch = 10_000;

    /// <summary>Connections, pooled buffers and the runtime's own objects; none of it scales with items.</summary>
    private const long GcHeapBound = 32L * 1024 * 1024;

    /// <summary>
    /// An 80-byte chunk (32-byte header + key + value) plus 4-8 bytes of hash bucket and page rounding: ~85 B measured.
    /// The bound leaves room for allocator noise on a shared machine; docs/NODE.md records the measured figure.
    /// </summary>
    private const double BytesPerItemBound = 90;

    [Fact]
    public async Task A_million_items_leave_the_GC_heap_small_and_cost_at_most_90_bytes_of_RSS_each()
    {
        await using var server = await MemgateProcess.StartAsync("-m", "1024", "-t", "1");
        await using var client = await server.ConnectAsync();
        await LoadAsync(client, 0, 2_000);
        Assert.Equal("OK\r\n", await client.RequestAsync("flush_all\r\n"));
        var memgateBefore = await StatsSnapshot.ReadAsync(client, "memgate");
        var heapBefore = memgateBefore["memgate_gc_heap_bytes"];
        await Task.Delay(500);
        var rssBefore = ProcessMemory.ResidentBytes(server.Process.Id);

        var started = System.Diagnostics.Stopwatch.StartNew();
        await LoadAsync(client, 1, Items);
        var loadTime = started.Elapsed;
        await Task.Delay(1000);
        var rssAfter = ProcessMemory.ResidentBytes(server.Process.Id);
        var memgate = await StatsSnapshot.ReadAsync(client, "memgate");
        var stats = await StatsSnapshot.ReadAsync(client);

        var perItem = (rssAfter - rssBefore) / (double)Items;
        output.WriteLine(
            $"load {loadTime.TotalSeconds:F1} s; RSS {ProcessMemory.Megabytes(rssBefore)} -> {ProcessMemory.Megabytes(rssAfter)} = {perItem:F1} B/item; " +
            $"GC heap {ProcessMemory.Megabytes(heapBefore)} -> {ProcessMemory.Megabytes(memgate["memgate_gc_heap_bytes"])}, " +
            $"allocated during the load {ProcessMemory.Megabytes(memgate["memgate_gc_total_allocated_bytes"] - memgateBefore["memgate_gc_total_allocated_bytes"])}; item memory {ProcessMemory.Megabytes(memgate["memgate_item_memory_bytes"])}, " +
            $"hash {ProcessMemory.Megabytes(memgate["memgate_hash_bytes"])}");

        Assert.Equal(Items, stats["curr_items"]);
        Assert.Equal(0, stats["evictions"]);
        Assert.True(memgate["memgate_gc_heap_bytes"] < GcHeapBound, $"GC heap {ProcessMemory.Megabytes(memgate["memgate_gc_heap_bytes"])} with {Items} items");
        Assert.True(perItem <= BytesPerItemBound, $"{perItem:F1} bytes of RSS per item");

        // The items are really there: a sample reads back.
        Assert.Equal($"VALUE {Key(1, 123_456)} 0 32\r\n{Value(1, 123_456)}\r\nEND\r\n", await client.RequestAsync($"get {Key(1, 123_456)}\r\n", "END\r\n"));
    }

    [Fact]
    public async Task Stats_memgate_is_a_separate_sub_command_and_plain_stats_has_no_memgate_fields()
    {
        await using var server = await MemgateProcess.StartAsync();
        await using var client = await server.ConnectAsync();
        var memgate = await StatsSnapshot.ReadAsync(client, "memgate");
        var plain = await StatsSnapshot.ReadAsync(client);
        Assert.True(memgate["memgate_gc_heap_bytes"] > 0);
        Assert.DoesNotContain(plain.Values.Keys, name => name.StartsWith("memgate", StringComparison.Ordinal));
    }

    /// <summary>Pipelined noreply sets, 10,000 per send, each batch closed by "mn" so the client never runs ahead.</summary>
    private static async Task LoadAsync(RawClient client, int generation, int count)
    {
        var batch = new StringBuilder();
        for (var first = 0; first < count; first += ItemsPerBatch)
        {
            batch.Clear();
            for (var i = first; i < Math.Min(count, first + ItemsPerBatch); i++)
            {
                batch.Append("set ").Append(Key(generation, i)).Append(" 0 0 32 noreply\r\n").Append(Value(generation, i)).Append("\r\n");
            }

            Assert.Equal("MN\r\n", await client.RequestAsync(batch.Append("mn\r\n").ToString(), quietTimeout: TimeSpan.FromSeconds(10)));
        }
    }

    /// <summary>16 bytes.</summary>
    private static string Key(int generation, int i) => $"k{generation}{i:D14}";

    /// <summary>32 bytes.</summary>
    private static string Value(int generation, int i) => $"v{generation}{i:D14}0123456789abcdef";
}
