using Memgate.Testing;
using Xunit.Abstractions;

namespace Memgate.Node.Tests.Guarantees;

/// <summary>
/// -m is a hard budget and -M turns eviction into an error: ~150 MB of mixed-size values (100 B – 100 KB, pipelined)
/// go into a small cache; the process may not grow past the budget plus a fixed overhead, and whatever is still
/// readable must be byte-for-byte what was written.
/// </summary>
public sealed class MemoryBudgetTests(ITestOutputHelper output)
{
    private const long FillBytes = 150L * 1024 * 1024;

    /// <summary>
    /// RSS growth allowed on top of -m. Measured after the warm-up, so it covers what only the load itself brings:
    /// code JIT-compiled for paths the warm-up did not take (a few MB), the receive buffer that grows to hold a
    /// pipelined 100 KB set and the pooled output buffers for 40-key multi-gets of 100 KB values (a few MB each),
    /// the hash table doubling as the item count grows, and the GC's gen0 budget and allocator caches (~10 MB at
    /// most on a 2-core machine). memcached needs some of it too (a first page per slab class beyond -m, its hash
    /// table). 24 MB is well below the 118 MB the fill would add if -m leaked.
    /// </summary>
    private const long OverheadBytes = 24L * 1024 * 1024;

    private const string OutOfMemory = "SERVER_ERROR out of memory storing object";

    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(ServerUnderTest.Both), MemberType = typeof(ServerUnderTest))]
    public async Task Filling_past_m_evicts_keeps_RSS_within_the_budget_and_never_corrupts_a_value(ServerKind kind)
    {
        await using var server = await ServerProcess.StartAsync(kind, "-m", "32");
        await using var client = await server.ConnectAsync();
        await WarmUpAsync(client);
        var before = ProcessMemory.ResidentBytes(server.Process.Id);

        var values = new MixedValues("budget", FillBytes, 100, 100_000, seed: 1);
        var replies = await BulkLoad.SetAllAsync(client, values);
        var afterFill = ProcessMemory.ResidentBytes(server.Process.Id);
        var readBack = await BulkLoad.ReadAllAsync(client, values);
        var afterRead = ProcessMemory.ResidentBytes(server.Process.Id);
        var stats = await StatsSnapshot.ReadAsync(client);

        var growth = Math.Max(afterFill, afterRead) - before;
        output.WriteLine(
            $"{kind}: {values.Count} sets, {ProcessMemory.Megabytes(values.TotalBytes)}; RSS before {ProcessMemory.Megabytes(before)}, " +
            $"after fill {ProcessMemory.Megabytes(afterFill)}, after read-back {ProcessMemory.Megabytes(afterRead)} (growth {ProcessMemory.Megabytes(growth)}); " +
            $"evictions {stats["evictions"]}, curr_items {stats["curr_items"]}, bytes {stats["bytes"]}, readable {readBack.Present}");

        Assert.All(replies, reply => Assert.Equal("STORED", reply));
        Assert.True(stats["evictions"] > 0, "a 150 MB fill of a 32 MB cache must evict");
        Assert.Empty(readBack.Corrupt);
        Assert.InRange(readBack.Present, 1, values.Count - 1);
        Assert.Equal(stats["curr_items"], readBack.Present);
        Assert.True(stats["bytes"] <= stats["limit_maxbytes"], $"bytes {stats["bytes"]} over limit_maxbytes {stats["limit_maxbytes"]}");
        Assert.True(
            growth <= (32L * 1024 * 1024) + OverheadBytes,
            $"RSS grew by {ProcessMemory.Megabytes(growth)}, more than -m 32 plus {ProcessMemory.Megabytes(OverheadBytes)}");
    }

    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(ServerUnderTest.Both), MemberType = typeof(ServerUnderTest))]
    public async Task With_M_a_full_cache_answers_out_of_memory_evicts_nothing_and_keeps_serving_reads(ServerKind kind)
    {
        await using var server = await ServerProcess.StartAsync(kind, "-m", "8", "-M");
        await using var client = await server.ConnectAsync();
        await WarmUpAsync(client);

        var values = new MixedValues("nomem", FillBytes, 100, 100_000, seed: 2);
        var replies = await BulkLoad.SetAllAsync(client, values);
        var stored = replies.Count(r => r == "STORED");
        var refused = replies.Count(r => r == OutOfMemory);
        var stats = await StatsSnapshot.ReadAsync(client);
        output.WriteLine($"{kind}: {values.Count} sets: {stored} stored, {refused} out of memory; store_no_memory {stats["store_no_memory"]}, evictions {stats["evictions"]}, curr_items {stats["curr_items"]}");

        Assert.Equal(values.Count, stored + refused);
        Assert.InRange(stored, 1, values.Count - 1);
        Assert.Equal(refused, stats["store_no_memory"]);
        Assert.Equal(0, stats["evictions"]);

        // Nothing was evicted, so every acknowledged value is still there, intact; reads work on a new connection too.
        var readBack = await BulkLoad.ReadAllAsync(client, values);
        Assert.Empty(readBack.Corrupt);
        Assert.Equal(stored, readBack.Present);
        await using var reader = await server.ConnectAsync();
        var first = Array.IndexOf(replies, "STORED");
        var reply = await reader.RequestAsync($"get {values.Key(first)}\r\n", "END\r\n");
        Assert.StartsWith($"VALUE {values.Key(first)} {first} {values.Size(first)}\r\n", reply, StringComparison.Ordinal);
    }

    /// <summary>One small item through set/get/delete plus stats, so start-up JIT work is not counted as growth.</summary>
    private static async Task WarmUpAsync(RawClient client)
    {
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal("STORED\r\n", await client.RequestAsync($"set warm{i} 0 0 100\r\n{new string('w', 100)}\r\n"));
            Assert.StartsWith("VALUE ", await client.RequestAsync($"get warm{i}\r\n", "END\r\n"), StringComparison.Ordinal);
            Assert.Equal("DELETED\r\n", await client.RequestAsync($"delete warm{i}\r\n"));
        }

        await StatsSnapshot.ReadAsync(client);
        await Task.Delay(200);
    }
}
