using System.Diagnostics;
using System.Globalization;
using System.Text;
using Memgate.Proxy.Configuration;
using Memgate.Proxy.Tests.Support;
using Memgate.Testing;

namespace Memgate.Proxy.Tests.Integration;

/// <summary>
/// A primary is cut off without restarting (SIGSTOP longer than the request timeout, then SIGCONT):
/// it still holds the values from before, which keys updated or deleted meanwhile must never show
/// again. Without an overflow its repair queue covers those keys; with an overflow it is flushed
/// before it serves any read, and then warmed from the replica like a restarted node.
/// </summary>
[Collection(RealProcessCollection.Name)]
public sealed class PartitionTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData(100_000)]
    [InlineData(2)]
    public async Task Partitioned_primary_never_serves_values_written_or_deleted_while_it_was_away(int repairQueueCapacity)
    {
        await using RestartableBackend victim = await RestartableBackend.StartAsync(memcached: true);
        await using RestartableBackend survivor = await RestartableBackend.StartAsync(memcached: true);
        ProxySettings settings = ProxyUnderTest.Settings([victim.Address, survivor.Address]);
        settings.Timeouts = new TimeoutSettings { ConnectMs = 250, RequestMs = 400 };
        settings.Health.IdentityCheckMs = 200;
        settings.Health.WarmupWhenFirstSeenEmpty = false;
        settings.RepairQueueCapacity = repairQueueCapacity;
        settings.Port = Memgate.Testing.FreePort.Pick();
        await using ProxyServer proxy = ProxyServer.Start(settings);
        await using RawClient client = await RawClient.ConnectAsync(settings.Port);

        var onVictim = new List<string>();
        for (int i = 0; onVictim.Count < 12; i++)
        {
            string key = "pk" + i.ToString(CultureInfo.InvariantCulture);
            Assert.Equal("STORED\r\n", await client.LineAsync($"set {key} 0 0 3\r\nold\r\n"));
            if (proxy.Cluster.Router.Locate(Encoding.ASCII.GetBytes(key)).Primary.Address == victim.Address)
            {
                onVictim.Add(key);
            }
        }

        List<string> updated = onVictim.Take(4).ToList();
        List<string> deleted = onVictim.Skip(4).Take(4).ToList();
        List<string> untouched = onVictim.Skip(8).ToList();

        victim.Pause();
        try
        {
            await ProxyStats.WaitForAsync(client, "stats backends\r\n", r => r.Contains($"STAT {victim.Address} state=down", StringComparison.Ordinal) || r.Contains($"STAT {victim.Address} state=probing", StringComparison.Ordinal));
            foreach (string key in updated)
            {
                Assert.Equal("STORED\r\n", await client.LineAsync($"set {key} 0 0 3\r\nnew\r\n"));
            }

            foreach (string key in deleted)
            {
                Assert.Equal("DELETED\r\n", await client.LineAsync($"delete {key}\r\n"));
            }
        }
        finally
        {
            victim.Resume();
        }

        // While it comes back (probe, repair or flush, warm-up) and afterwards: never an old value.
        var clock = Stopwatch.StartNew();
        bool recovered = false;
        while (clock.Elapsed < TimeSpan.FromSeconds(4) || !recovered)
        {
            Assert.True(clock.Elapsed < Bound, "the victim did not recover");
            foreach (string key in updated)
            {
                Assert.Equal($"VALUE {key} 0 3\r\nnew\r\nEND\r\n", await client.EndAsync($"get {key}\r\n"));
            }

            foreach (string key in deleted)
            {
                Assert.Equal("END\r\n", await client.EndAsync($"get {key}\r\n"));
            }

            foreach (string key in untouched)
            {
                Assert.Equal($"VALUE {key} 0 3\r\nold\r\nEND\r\n", await client.EndAsync($"get {key}\r\n"));
            }

            string backends = await client.EndAsync("stats backends\r\n");
            recovered = backends.Contains($"STAT {victim.Address} state=", StringComparison.Ordinal)
                && !backends.Contains("state=down", StringComparison.Ordinal) && !backends.Contains("state=probing", StringComparison.Ordinal)
                && backends.Split("repair_queue=0 needs_flush=0").Length == 3;
            await Task.Delay(100);
        }

        // The victim itself was repaired: new values, deleted keys gone.
        await using RawClient direct = await victim.ConnectAsync();
        foreach (string key in updated)
        {
            Assert.Equal($"VALUE {key} 0 3\r\nnew\r\nEND\r\n", await direct.EndAsync($"get {key}\r\n"));
        }

        foreach (string key in deleted)
        {
            Assert.Equal("END\r\n", await direct.EndAsync($"get {key}\r\n"));
        }

        string stats = await client.EndAsync("stats\r\n");
        Assert.Contains("STAT restarts_detected 0\r\n", stats, StringComparison.Ordinal);
        if (repairQueueCapacity < updated.Count + deleted.Count)
        {
            Assert.DoesNotContain("STAT repair_flushes 0\r\n", stats, StringComparison.Ordinal);
        }
    }
}
