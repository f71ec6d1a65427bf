using System.Globalization;
using System.Text;
using Memgate.Proxy.Configuration;
using Memgate.Proxy.Routing;
using Memgate.Proxy.Tests.Support;
using Memgate.Testing;

namespace Memgate.Proxy.Tests.Integration;

/// <summary>
/// A primary restarts empty (kill -9, start again on the same port): every key acknowledged before
/// the crash still reads back through the proxy (warm-up from the replica), the primary holds the
/// keys again afterwards (copied back with flags and TTL), and a key deleted during the outage does
/// not come back. Real processes: /usr/bin/memcached and memgate nodes (memgate.dll node).
/// </summary>
[Collection(RealProcessCollection.Name)]
public sealed class WarmUpTests
{
    private const int Keys = 120;

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task Primary_restarted_empty_serves_every_acknowledged_key_and_is_refilled(bool memcached, bool restartAtOnce)
    {
        await using RestartableBackend victim = await RestartableBackend.StartAsync(memcached);
        await using RestartableBackend survivor = await RestartableBackend.StartAsync(memcached);
        await using ProxyServer proxy = ProxyUnderTest.StartForRestarts(victim, survivor);
        int port = proxy.Cluster.Settings.Port;
        await using RawClient client = await RawClient.ConnectAsync(port);

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < Keys; i++)
        {
            string key = "wk" + i.ToString(CultureInfo.InvariantCulture);
            string value = "value-" + key;
            values[key] = value;
            Assert.Equal("STORED\r\n", await client.LineAsync($"set {key} 42 3600 {value.Length}\r\n{value}\r\n"));
        }

        List<string> onVictim = values.Keys.Where(k => PrimaryOf(proxy, k) == victim.Address).ToList();
        Assert.True(onVictim.Count >= 10, $"only {onVictim.Count} keys on the victim");
        string deleted = onVictim[0];
        string updated = onVictim[1];
        int pidBefore = victim.Pid;

        victim.Kill();
        if (!restartAtOnce)
        {
            await ProxyStats.WaitForAsync(client, $"__memgate__ route {deleted}\r\n", r => r.Contains("STAT primary_state down", StringComparison.Ordinal) || r.Contains("STAT primary_state probing", StringComparison.Ordinal));

            // Written while the primary is away: they land on the replica and are queued for the primary.
            Assert.Equal("DELETED\r\n", await client.LineAsync($"delete {deleted}\r\n"));
            Assert.Equal("STORED\r\n", await client.LineAsync($"set {updated} 42 3600 3\r\nnew\r\n"));
            values.Remove(deleted);
            values[updated] = "new";
        }

        await victim.LaunchAsync();
        Assert.NotEqual(pidBefore, victim.Pid);
        await ProxyStats.WaitForAsync(client, "stats\r\n", r => !r.Contains("STAT restarts_detected 0\r\n", StringComparison.Ordinal));
        if (restartAtOnce)
        {
            // Deleted after the restart was recognised: the warm-up must not bring it back either.
            Assert.Equal("DELETED\r\n", await client.LineAsync($"delete {deleted}\r\n"));
            values.Remove(deleted);
        }

        string route = await client.EndAsync($"__memgate__ route {onVictim[2]}\r\n");
        Assert.Contains("STAT primary_warmup warming\r\n", route, StringComparison.Ordinal);

        // Every kind of read through the proxy: get (one and many), gets, mg.
        List<string> all = values.Keys.Order(StringComparer.Ordinal).ToList();
        for (int i = 0; i < all.Count; i++)
        {
            string key = all[i];
            string value = values[key];
            switch (i % 4)
            {
                case 0:
                    Assert.Equal($"VALUE {key} 42 {value.Length}\r\n{value}\r\nEND\r\n", await client.EndAsync($"get {key}\r\n"));
                    break;
                case 1:
                    string gets = await client.EndAsync($"gets {key}\r\n");
                    Assert.StartsWith($"VALUE {key} 42 {value.Length} ", gets, StringComparison.Ordinal);
                    Assert.EndsWith($"\r\n{value}\r\nEND\r\n", gets, StringComparison.Ordinal);
                    break;
                case 2:
                    Assert.Equal($"VA {value.Length} f42\r\n{value}\r\n", await client.MetaAsync($"mg {key} v f\r\n"));
                    break;
                default:
                    break;
            }
        }

        string multi = string.Join(' ', all.Where((_, i) => i % 4 == 3));
        string expected = string.Concat(all.Where((_, i) => i % 4 == 3).Select(k => $"VALUE {k} 42 {values[k].Length}\r\n{values[k]}\r\n")) + "END\r\n";
        Assert.Equal(expected, await client.EndAsync($"get {multi}\r\n"));

        // The deleted key stays deleted, through the proxy and on both nodes.
        Assert.Equal("END\r\n", await client.EndAsync($"get {deleted}\r\n"));
        Assert.Equal("END\r\n", await client.EndAsync($"gets {deleted}\r\n"));

        // The primary got its keys back, with flags and the remaining TTL.
        await using RawClient direct = await victim.ConnectAsync();
        foreach (string key in onVictim.Where(values.ContainsKey))
        {
            string expectedItem = $"VA {values[key].Length} f42";
            string item = await ProxyStats.EventuallyAsync(() => direct.MetaAsync($"mg {key} v f t\r\n"), r => r.StartsWith(expectedItem, StringComparison.Ordinal));
            Assert.StartsWith(expectedItem + " t", item, StringComparison.Ordinal);
            int ttl = int.Parse(item.Split('\r')[0].Split(' ')[3][1..], CultureInfo.InvariantCulture);
            Assert.InRange(ttl, 3000, 3600);
            Assert.EndsWith($"\r\n{values[key]}\r\n", item, StringComparison.Ordinal);
        }

        Assert.Equal("EN\r\n", await direct.MetaAsync($"mg {deleted} v\r\n"));
        Assert.Equal("END\r\n", await client.EndAsync($"get {deleted}\r\n"));

        string stats = await client.EndAsync("stats\r\n");
        Assert.DoesNotContain("STAT warmup_copies 0\r\n", stats, StringComparison.Ordinal);
        Assert.DoesNotContain("STAT warmup_hits 0\r\n", stats, StringComparison.Ordinal);
        string backends = await client.EndAsync("stats backends\r\n");
        Assert.Contains($"STAT {victim.Address} state=warming", backends, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warming_ends_after_the_configured_time()
    {
        await using RestartableBackend victim = await RestartableBackend.StartAsync(memcached: true);
        await using RestartableBackend survivor = await RestartableBackend.StartAsync(memcached: true);
        await using ProxyServer proxy = ProxyUnderTest.StartForRestarts(victim, survivor, s => s.Health.WarmupSeconds = 2);
        await using RawClient client = await RawClient.ConnectAsync(proxy.Cluster.Settings.Port);
        Assert.Equal("STORED\r\n", await client.LineAsync("set a 0 0 1\r\n1\r\n"));
        victim.Kill();
        await victim.LaunchAsync();
        await ProxyStats.WaitForAsync(client, "stats backends\r\n", r => r.Contains($"STAT {victim.Address} state=warming", StringComparison.Ordinal));
        await ProxyStats.WaitForAsync(client, "stats backends\r\n", r => r.Contains($"STAT {victim.Address} state=up", StringComparison.Ordinal));
    }

    private static string PrimaryOf(ProxyServer proxy, string key) => proxy.Cluster.Router.Locate(Encoding.ASCII.GetBytes(key)).Primary.Address;
}
