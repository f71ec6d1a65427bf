using System.Globalization;
using Memgate.Proxy.Configuration;
using Memgate.Proxy.Tests.Support;
using Memgate.Testing;

namespace Memgate.Proxy.Tests.Integration;

/// <summary>
/// A touching read whose other copy cannot be touched is not dropped: that copy is queued for repair, and the
/// repair gives it the item with the new TTL. Both directions: the replica is down (the touch sent with the read
/// fails), and the primary is down (the replica answers, and the primary's TTL is unknown).
/// </summary>
[Collection(RealProcessCollection.Name)]
public sealed class TouchingReadFaultTests
{
    [Fact]
    public async Task Copy_that_missed_a_touch_is_repaired_with_the_new_ttl()
    {
        await using RestartableBackend victim = await RestartableBackend.StartAsync(memcached: true);
        await using RestartableBackend survivor = await RestartableBackend.StartAsync(memcached: true);
        await using ProxyServer proxy = ProxyUnderTest.StartForRestarts(victim, survivor, s => s.Timeouts.RequestMs = 300);
        await using RawClient client = await RawClient.ConnectAsync(proxy.Cluster.Settings.Port);

        string replicaOnVictim = ProxyUnderTest.KeyWithPrimary(proxy, survivor.Address, "tf");
        string primaryOnVictim = ProxyUnderTest.KeyWithPrimary(proxy, victim.Address, "tf");
        Assert.Equal("STORED\r\n", await client.LineAsync($"set {replicaOnVictim} 0 0 1\r\nr\r\n"));
        Assert.Equal("STORED\r\n", await client.LineAsync($"set {primaryOnVictim} 0 0 1\r\np\r\n"));

        victim.Kill();
        Assert.Equal($"VALUE {replicaOnVictim} 0 1\r\nr\r\nEND\r\n", await client.EndAsync($"gat 100 {replicaOnVictim}\r\n"));
        Assert.Equal("VA 1\r\np\r\n", await client.MetaAsync($"mg {primaryOnVictim} T100 v\r\n"));

        // Both keys wait for the victim: one missed the touch, the other the read that touched.
        await ProxyStats.WaitForAsync(client, "stats backends\r\n", r => ProxyStats.BackendLine(r, victim.Address).Contains(" repair_queue=2 ", StringComparison.Ordinal));
        Assert.DoesNotContain("STAT replica_failures 0\r\n", await client.EndAsync("stats\r\n"), StringComparison.Ordinal);

        await victim.LaunchAsync();
        await ProxyStats.WaitForAsync(client, "stats backends\r\n", r =>
        {
            string line = ProxyStats.BackendLine(r, victim.Address);
            return line.Contains(" repair_queue=0 ", StringComparison.Ordinal)
                && !line.Contains("state=down", StringComparison.Ordinal) && !line.Contains("state=probing", StringComparison.Ordinal);
        });

        // The restarted victim got both items back from the survivor, with the TTL the touching reads set.
        await using RawClient direct = await victim.ConnectAsync();
        await using RawClient other = await survivor.ConnectAsync();
        foreach (string key in new[] { replicaOnVictim, primaryOnVictim })
        {
            foreach (RawClient backend in new[] { direct, other })
            {
                Assert.InRange(await TouchingReadTests.TtlAsync(backend, key), 85, 100);
            }
        }
    }

    [Fact]
    public async Task Touching_reads_of_a_restarted_primary_warm_it_with_the_new_ttl()
    {
        await using RestartableBackend victim = await RestartableBackend.StartAsync(memcached: true);
        await using RestartableBackend survivor = await RestartableBackend.StartAsync(memcached: true);
        // The read-driven warm-up alone: no background re-sync copying the keys first (off in StartForRestarts).
        await using ProxyServer proxy = ProxyUnderTest.StartForRestarts(victim, survivor, s => s.Timeouts.RequestMs = 300);
        await using RawClient client = await RawClient.ConnectAsync(proxy.Cluster.Settings.Port);

        string[] keys = [.. Enumerable.Range(0, 4).Select(i => ProxyUnderTest.KeyWithPrimary(proxy, victim.Address, "tw" + i.ToString(CultureInfo.InvariantCulture) + "_"))];
        foreach (string key in keys)
        {
            Assert.Equal("STORED\r\n", await client.LineAsync($"set {key} 0 0 1\r\nw\r\n"));
        }

        victim.Kill();
        await victim.LaunchAsync();
        await ProxyStats.WaitForAsync(client, "stats\r\n", r => !r.Contains("STAT restarts_detected 0\r\n", StringComparison.Ordinal));

        // Each misses on the empty primary, is copied back from the replica, then asked again there.
        Assert.Equal($"VALUE {keys[0]} 0 1\r\nw\r\nEND\r\n", await client.EndAsync($"gat 100 {keys[0]}\r\n"));
        Assert.Equal(2, (await client.EndAsync($"gats 200 {keys[1]} {keys[2]}\r\n")).Split("VALUE ").Length - 1);
        Assert.Equal("VA 1\r\nw\r\n", await client.MetaAsync($"mg {keys[3]} T300 v\r\n"));

        Assert.Contains("STAT warmup_copies 4\r\n", await client.EndAsync("stats\r\n"), StringComparison.Ordinal);
        await using RawClient direct = await victim.ConnectAsync();
        await using RawClient other = await survivor.ConnectAsync();
        int[] expected = [100, 200, 200, 300];
        for (int i = 0; i < keys.Length; i++)
        {
            foreach (RawClient backend in new[] { direct, other })
            {
                Assert.InRange(await TouchingReadTests.TtlAsync(backend, keys[i]), expected[i] - 10, expected[i]);
            }
        }
    }
}
