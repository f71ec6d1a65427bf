using System.Diagnostics;
using Memgate.Testing;
using Xunit.Abstractions;

namespace Memgate.Node.Tests.Guarantees;

/// <summary>
/// Items with a 1–2 s TTL disappear: lazily when a get finds them expired, and without any get when the background
/// LRU crawler reclaims them (curr_items drops, crawler_reclaimed counts). Waits are bounded polls.
/// </summary>
public sealed class ExpiryReclaimTests(ITestOutputHelper output)
{
    private const int Expiring = 40;

    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(ServerUnderTest.Both), MemberType = typeof(ServerUnderTest))]
    public async Task A_get_after_the_TTL_misses_counts_get_expired_and_removes_the_item(ServerKind kind)
    {
        // Without the crawler and (in memcached) the LRU maintainer, which also pulls expired items off the LRU tails, only a get (or memory pressure) can remove an expired item.
        await using var server = await ServerProcess.StartAsync(kind, "-o", "no_lru_crawler,no_lru_maintainer");
        await using var client = await server.ConnectAsync();
        await StoreAsync(client);

        // TTL 2 s on a one-second clock: expired at the latest 3 s later.
        await Task.Delay(TimeSpan.FromSeconds(3.2));
        for (var i = 0; i < Expiring; i++)
        {
            Assert.Equal("END\r\n", await client.RequestAsync($"get e{i}\r\n", "END\r\n"));
        }

        var stats = await StatsSnapshot.ReadAsync(client);
        output.WriteLine($"{kind}: get_expired {stats["get_expired"]}, curr_items {stats["curr_items"]}, crawler_reclaimed {stats["crawler_reclaimed"]}");
        Assert.Equal(Expiring, stats["get_expired"]);
        Assert.Equal(1, stats["curr_items"]);
        Assert.Equal("VALUE keep 0 4\r\nkeep\r\nEND\r\n", await client.RequestAsync("get keep\r\n", "END\r\n"));
    }

    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(ServerUnderTest.Both), MemberType = typeof(ServerUnderTest))]
    public async Task The_background_crawler_reclaims_expired_items_that_nobody_reads(ServerKind kind)
    {
        await using var server = await ServerProcess.StartAsync(kind);
        await using var client = await server.ConnectAsync();
        await StoreAsync(client);
        Assert.Equal(Expiring + 1, (await StatsSnapshot.ReadAsync(client))["curr_items"]);

        // The latest expiry is 3 s away (TTL 2 on a one-second clock); the crawler passes every second.
        var waited = Stopwatch.StartNew();
        StatsSnapshot stats;
        do
        {
            await Task.Delay(250);
            stats = await StatsSnapshot.ReadAsync(client);
        }
        while (stats["curr_items"] > 1 && waited.Elapsed < TimeSpan.FromSeconds(5));

        output.WriteLine($"{kind} after {waited.Elapsed.TotalSeconds:F1} s: curr_items {stats["curr_items"]}, crawler_reclaimed {stats["crawler_reclaimed"]}, reclaimed {stats["reclaimed"]}, get_expired {stats["get_expired"]}, expired_unfetched {stats["expired_unfetched"]}");
        Assert.Equal(1, stats["curr_items"]);

        // memcached's LRU maintainer gets there first and counts "reclaimed"; memgate has no maintainer thread and its
        // crawler counts "crawler_reclaimed". Either way every expired item is counted once, as never fetched.
        Assert.Equal(Expiring, stats["crawler_reclaimed"] + stats["reclaimed"]);
        if (kind == ServerKind.Memgate)
        {
            Assert.Equal(Expiring, stats["crawler_reclaimed"]);
        }

        Assert.Equal(Expiring, stats["expired_unfetched"]);
        Assert.Equal(0, stats["get_expired"]);
        Assert.Equal(0, stats["get_misses"]);
        Assert.Equal("VALUE keep 0 4\r\nkeep\r\nEND\r\n", await client.RequestAsync("get keep\r\n", "END\r\n"));
    }

    /// <summary>Half the keys with TTL 1, half with TTL 2, and one that never expires.</summary>
    private static async Task StoreAsync(RawClient client)
    {
        for (var i = 0; i < Expiring; i++)
        {
            Assert.Equal("STORED\r\n", await client.RequestAsync($"set e{i} 0 {1 + (i % 2)} 1\r\nx\r\n"));
        }

        Assert.Equal("STORED\r\n", await client.RequestAsync("set keep 0 0 4\r\nkeep\r\n"));
    }
}
