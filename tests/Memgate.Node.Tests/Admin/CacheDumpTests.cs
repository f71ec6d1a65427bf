using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Memgate.Testing;

namespace Memgate.Node.Tests.Admin;

/// <summary>
/// stats cachedump on memgate. memcached lists only its COLD LRU, so what it shows depends on its LRU maintainer's timing;
/// these tests check memgate's listing against memcached's format and limits instead of a byte-for-byte replay.
/// </summary>
[Collection(AdminCollection.Name)]
public sealed partial class CacheDumpTests(AdminServersFixture servers)
{
    [Fact]
    public async Task Lists_items_of_the_class_with_value_length_and_absolute_expiry()
    {
        await using var client = await servers.Memgate.ConnectAsync();
        await client.RequestAsync("flush_all\r\nset never 0 0 1\r\n1\r\nset later 0 100 3\r\nabc\r\nset big 0 0 2000\r\n" + new string('x', 2000) + "\r\nmn\r\n", "MN\r\n");
        long now = await UnixTimeAsync(client);

        var lines = Items(await client.RequestAsync("stats cachedump 1 0\r\n", "END\r\n"));
        Assert.Equal(["later", "never"], lines.Keys.Order());
        Assert.Equal((1, 0L), lines["never"]);
        Assert.Equal(3, lines["later"].Bytes);
        Assert.InRange(lines["later"].Exp, now + 98, now + 102);
        Assert.Equal(["big"], Items(await client.RequestAsync("stats cachedump 15 0\r\n", "END\r\n")).Keys);
    }

    [Fact]
    public async Task Limit_caps_the_number_of_items_and_binary_keys_are_skipped()
    {
        await using var client = await servers.Memgate.ConnectAsync();
        var sets = new StringBuilder("flush_all\r\nms AAEC 1 b\r\nh\r\n");
        for (int i = 0; i < 10; i++)
        {
            sets.Append(CultureInfo.InvariantCulture, $"set k{i} 0 0 1\r\n1\r\n");
        }

        await client.RequestAsync(sets.Append("mn\r\n").ToString(), "MN\r\n");
        Assert.Equal(3, Items(await client.RequestAsync("stats cachedump 1 3\r\n", "END\r\n")).Count);
        var all = Items(await client.RequestAsync("stats cachedump 1 0\r\n", "END\r\n"));
        Assert.Equal(10, all.Count);
        Assert.All(all.Keys, key => Assert.StartsWith("k", key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reply_stays_within_memcacheds_2_MB_buffer()
    {
        await using var client = await servers.Memgate.ConnectAsync();
        var sets = new StringBuilder("flush_all\r\n");
        string prefix = new('p', 200);
        for (int i = 0; i < 12_000; i++)
        {
            sets.Append(CultureInfo.InvariantCulture, $"set {prefix}{i:D5} 0 0 1 noreply\r\n1\r\n");
        }

        await client.RequestAsync(sets.Append("mn\r\n").ToString(), "MN\r\n", TimeSpan.FromSeconds(30));
        var me = await client.RequestAsync($"me {prefix}00000\r\n");
        int classId = int.Parse(ClassPattern().Match(me).Groups[1].Value, CultureInfo.InvariantCulture);

        var dump = await client.RequestAsync($"stats cachedump {classId} 0\r\n", "END\r\n", TimeSpan.FromSeconds(10));
        Assert.InRange(Encoding.ASCII.GetByteCount(dump), 2 * 1024 * 1024 - 300, 2 * 1024 * 1024 - 1);
        await client.RequestAsync("flush_all\r\n");
    }

    private static async Task<long> UnixTimeAsync(RawClient client)
    {
        var stats = await client.RequestAsync("stats\r\n", "END\r\n");
        return long.Parse(TimePattern().Match(stats).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static Dictionary<string, (int Bytes, long Exp)> Items(string dump)
    {
        Assert.EndsWith("END\r\n", dump, StringComparison.Ordinal);
        var result = new Dictionary<string, (int, long)>();
        foreach (var line in dump[..^"END\r\n".Length].Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var match = ItemPattern().Match(line);
            Assert.True(match.Success, line);
            result.Add(match.Groups[1].Value, (int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), long.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture)));
        }

        return result;
    }

    [GeneratedRegex(@"^ITEM (\S+) \[(\d+) b; (\d+) s\]$")]
    private static partial Regex ItemPattern();

    [GeneratedRegex(@"STAT time (\d+)")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@" cls=(\d+) ")]
    private static partial Regex ClassPattern();
}
