using System.Globalization;
using System.Text;
using Memgate.Testing;

namespace Memgate.Node.Tests.Admin;

/// <summary>lru_crawler metadump: the same items give the same lines as memcached 1.6.18 (times within a clock tick).</summary>
[Collection(AdminCollection.Name)]
public sealed class MetadumpTests(AdminServersFixture servers)
{
    private const string Setup =
        "flush_all\r\nset plain 0 0 1\r\n1\r\nset b%20c 5 100 3\r\nabc\r\nset k/x~y 0 0 2000\r\n" + "{2000}" + "\r\n"
        + "ms AAEC 2 b\r\nhi\r\nms 8J+YgA== 1 b F7\r\nx\r\nset flagged 4294967295 0 5\r\nhello\r\nget plain\r\nmn\r\n";

    [ToolFact(Tool.Memcached)]
    public async Task Metadump_lines_match_memcached()
    {
        var reference = await DumpAsync(servers.Memcached, "lru_crawler metadump all\r\n");
        var candidate = await DumpAsync(servers.Memgate, "lru_crawler metadump all\r\n");
        Assert.Equal(6, reference.Count);
        AssertSameItems(reference, candidate);
    }

    [ToolFact(Tool.Memcached)]
    public async Task Metadump_of_listed_classes_matches_memcached()
    {
        var reference = await DumpAsync(servers.Memcached, "lru_crawler metadump 1,15\r\n");
        var candidate = await DumpAsync(servers.Memgate, "lru_crawler metadump 1,15\r\n");
        Assert.Contains(reference, line => line.Class == 15);
        AssertSameItems(reference, candidate);
    }

    [Fact]
    public async Task Commands_pipelined_after_metadump_are_answered_after_END()
    {
        await using var client = await servers.Memgate.ConnectAsync();
        await client.RequestAsync("set after 0 0 1\r\n1\r\n");
        var reply = await client.RequestAsync("lru_crawler metadump all\r\nversion\r\n", "VERSION");
        Assert.Matches(@"^(key=\S+ exp=-?\d+ la=\d+ cas=\d+ fetch=(yes|no) cls=\d+ size=\d+\n)+END\r\nVERSION$", reply);
    }

    [Fact]
    public async Task Metadump_of_many_items_streams_every_key_once()
    {
        const int count = 20_000;
        await using var client = await servers.Memgate.ConnectAsync();
        var sets = new StringBuilder("flush_all\r\n");
        for (int i = 0; i < count; i++)
        {
            sets.Append(CultureInfo.InvariantCulture, $"set many:{i} 0 0 {i % 300} noreply\r\n").Append('v', i % 300).Append("\r\n");
        }

        await client.SendAsync(sets.Append("mn\r\n").ToString());
        await client.ReadUntilAsync("MN\r\n", TimeSpan.FromSeconds(30));
        var dump = await client.RequestAsync("lru_crawler metadump all\r\n", "END\r\n", TimeSpan.FromSeconds(10));
        var keys = MetadumpLine.ParseDump(dump).Select(l => l.Key).ToList();
        Assert.Equal(count, keys.Count);
        Assert.Equal(count, keys.Distinct().Count());
        await client.RequestAsync("flush_all\r\n");
    }

    private static void AssertSameItems(List<MetadumpLine> reference, List<MetadumpLine> candidate)
    {
        Assert.Equal(reference.Select(l => l.Key).Order(), candidate.Select(l => l.Key).Order());
        foreach (var expected in reference)
        {
            var actual = candidate.Single(l => l.Key == expected.Key);
            Assert.Equal((expected.Fetched, expected.Class, expected.Size), (actual.Fetched, actual.Class, actual.Size));
            Assert.Equal(expected.Exp == -1, actual.Exp == -1);
            Assert.InRange(actual.Exp, expected.Exp - 2, expected.Exp + 2);
            Assert.InRange(actual.LastAccess, expected.LastAccess - 2, expected.LastAccess + 2);
            Assert.True(actual.Cas > 0);
        }
    }

    private static async Task<List<MetadumpLine>> DumpAsync(ServerProcess server, string command)
    {
        await using var client = await server.ConnectAsync();
        await client.RequestAsync(Setup.Replace("{2000}", new string('x', 2000), StringComparison.Ordinal), "MN\r\n");
        var dump = await client.RequestAsync(command, "END\r\n");
        return MetadumpLine.ParseDump(dump);
    }
}
