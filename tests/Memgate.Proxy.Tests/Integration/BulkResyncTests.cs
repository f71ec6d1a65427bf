using System.Globalization;
using Memgate.Proxy.Tests.Support;
using Memgate.Testing;

namespace Memgate.Proxy.Tests.Integration;

/// <summary>
/// A node restarts empty and nobody reads: the bulk re-sync still copies back every key it should hold (from the
/// other copy's metadump), with flags and TTL, so losing the other node afterwards loses nothing; a key deleted
/// after the restart does not come back. Real processes: memcached and memgate nodes.
/// </summary>
[Collection(RealProcessCollection.Name)]
public sealed class BulkResyncTests
{
    private const int Keys = 150;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_restarted_node_gets_every_key_back_without_being_read(bool memcached)
    {
        await using RestartableBackend victim = await RestartableBackend.StartAsync(memcached);
        await using RestartableBackend survivor = await RestartableBackend.StartAsync(memcached);
        await using ProxyServer proxy = ProxyUnderTest.StartForRestarts(victim, survivor, s => s.Health.ResyncWhenEmpty = true);
        await using RawClient client = await RawClient.ConnectAsync(proxy.Cluster.Settings.Port);

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < Keys; i++)
        {
            string key = "rs" + i.ToString(CultureInfo.InvariantCulture);
            values[key] = "value-" + key;
            Assert.Equal("STORED\r\n", await client.LineAsync($"set {key} 7 3600 {values[key].Length}\r\n{values[key]}\r\n"));
        }

        victim.Kill();
        await victim.LaunchAsync();
        await ProxyStats.EventuallyAsync(() => client.EndAsync("stats\r\n"), r => !r.Contains("STAT restarts_detected 0\r\n", StringComparison.Ordinal));
        Assert.Equal("DELETED\r\n", await client.LineAsync("delete rs0\r\n"));
        values.Remove("rs0");

        // Two nodes, each key on both: every key belongs on the restarted node again.
        await using RawClient direct = await victim.ConnectAsync();
        foreach ((string key, string value) in values)
        {
            string item = await ProxyStats.EventuallyAsync(() => direct.MetaAsync($"mg {key} v f t\r\n"), r => r.StartsWith("VA", StringComparison.Ordinal));
            Assert.StartsWith($"VA {value.Length} f7 t", item, StringComparison.Ordinal);
            int ttl = int.Parse(item.Split('\r')[0].Split(' ')[3][1..], CultureInfo.InvariantCulture);
            Assert.InRange(ttl, 3000, 3600);
            Assert.EndsWith($"\r\n{value}\r\n", item, StringComparison.Ordinal);
        }

        string stats = await client.EndAsync("stats\r\n");
        Assert.Contains("STAT warmup_lookups 0\r\n", stats, StringComparison.Ordinal);
        Assert.DoesNotContain("STAT resync_keys_copied 0\r\n", stats, StringComparison.Ordinal);

        // The other copy dies: everything acknowledged (and not deleted) is still there.
        await survivor.DisposeAsync();
        foreach ((string key, string value) in values)
        {
            Assert.Equal($"VALUE {key} 7 {value.Length}\r\n{value}\r\nEND\r\n", await client.EndAsync($"get {key}\r\n"));
        }

        Assert.Equal("EN\r\n", await direct.MetaAsync("mg rs0 v\r\n"));
    }
}
