using System.Globalization;
using Memgate.Proxy.Configuration;
using Memgate.Proxy.Tests.Support;
using Memgate.Testing;

namespace Memgate.Proxy.Tests.Integration;

/// <summary>
/// <c>single_copy_writes</c> counts writes the client was told succeeded while one of the key's two copies failed
/// and was queued for repair — the double-fault exposure window. It stays 0 while both copies answer, and counts
/// both directions when one node is down or hung: a replica copy that did not land, and a write failed over from
/// the primary to the replica. Per backend it is counted on the node whose copy is missing.
/// </summary>
[Collection(RealProcessCollection.Name)]
public sealed class SingleCopyWriteTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Acknowledged_write_with_one_copy_down_is_counted_and_none_while_both_are_up(bool hang)
    {
        await using RestartableBackend victim = await RestartableBackend.StartAsync(memcached: true);
        await using RestartableBackend survivor = await RestartableBackend.StartAsync(memcached: true);
        ProxySettings settings = ProxyUnderTest.Settings([victim.Address, survivor.Address]);
        settings.Timeouts = new TimeoutSettings { ConnectMs = 250, RequestMs = 300 };
        settings.Health.WarmupWhenFirstSeenEmpty = false;
        settings.Port = Memgate.Testing.FreePort.Pick();
        await using ProxyServer proxy = ProxyServer.Start(settings);
        await using RawClient client = await RawClient.ConnectAsync(settings.Port);

        // One key whose replica is the victim (its copy fails), one whose primary is (the write fails over).
        string replicaOnVictim = ProxyUnderTest.KeyWithPrimary(proxy, survivor.Address, "sc");
        string primaryOnVictim = ProxyUnderTest.KeyWithPrimary(proxy, victim.Address, "sc");

        // Both copies up: every write lands twice, nothing is exposed.
        foreach (string key in new[] { replicaOnVictim, primaryOnVictim })
        {
            Assert.Equal("STORED\r\n", await client.LineAsync($"set {key} 0 0 3\r\ntwo\r\n"));
            Assert.Equal("HD\r\n", await client.MetaAsync($"ms {key} 3\r\ntwo\r\n"));
            Assert.Equal("STORED\r\n", await client.LineAsync($"append {key} 0 0 1\r\n!\r\n"));
            Assert.Equal("TOUCHED\r\n", await client.LineAsync($"touch {key} 100\r\n"));
        }

        string stats = await client.EndAsync("stats\r\n");
        Assert.Contains("STAT single_copy_writes 0\r\n", stats, StringComparison.Ordinal);
        Assert.Contains("STAT replica_failures 0\r\n", stats, StringComparison.Ordinal);
        string backends = await client.EndAsync("stats backends\r\n");
        Assert.Equal(2, backends.Split(" single_copy_writes=0 ").Length - 1);

        if (hang)
        {
            victim.Pause();
        }
        else
        {
            victim.Kill();
        }

        try
        {
            // The survivor acknowledges both writes; the victim's copy of each waits in its repair queue.
            Assert.Equal("STORED\r\n", await client.LineAsync($"set {replicaOnVictim} 0 0 3\r\none\r\n"));
            Assert.Equal("STORED\r\n", await client.LineAsync($"set {primaryOnVictim} 0 0 3\r\none\r\n"));

            // A write the client is not told succeeded is not counted (the key did not exist anywhere).
            Assert.Equal("NOT_FOUND\r\n", await client.LineAsync($"delete {replicaOnVictim}-absent\r\n"));

            stats = await client.EndAsync("stats\r\n");
            Assert.Contains("STAT single_copy_writes 2\r\n", stats, StringComparison.Ordinal);
            backends = await client.EndAsync("stats backends\r\n");
            Assert.Contains(" single_copy_writes=2 ", ProxyStats.BackendLine(backends, victim.Address), StringComparison.Ordinal);
            Assert.Contains(" single_copy_writes=0 ", ProxyStats.BackendLine(backends, survivor.Address), StringComparison.Ordinal);
            Assert.DoesNotContain(" repair_queue=0 ", ProxyStats.BackendLine(backends, victim.Address), StringComparison.Ordinal);

            // While the victim is away the acknowledged values are read from the survivor.
            Assert.Equal($"VALUE {replicaOnVictim} 0 3\r\none\r\nEND\r\n", await client.EndAsync($"get {replicaOnVictim}\r\n"));
            Assert.Equal($"VALUE {primaryOnVictim} 0 3\r\none\r\nEND\r\n", await client.EndAsync($"get {primaryOnVictim}\r\n"));
        }
        finally
        {
            if (hang)
            {
                victim.Resume();
            }
        }

        if (hang)
        {
            // The exposure window closes when the repair queue replayed the keys on the victim.
            await ProxyStats.WaitForAsync(client, "stats backends\r\n", r => ProxyStats.BackendLine(r, victim.Address).Contains(" repair_queue=0 ", StringComparison.Ordinal));
            await using RawClient direct = await victim.ConnectAsync();
            Assert.Equal($"VALUE {replicaOnVictim} 0 3\r\none\r\nEND\r\n", await direct.EndAsync($"get {replicaOnVictim}\r\n"));
            Assert.Equal($"VALUE {primaryOnVictim} 0 3\r\none\r\nEND\r\n", await direct.EndAsync($"get {primaryOnVictim}\r\n"));
        }
    }
}
