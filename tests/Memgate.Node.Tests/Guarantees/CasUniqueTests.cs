using System.Globalization;
using Memgate.Testing;

namespace Memgate.Node.Tests.Guarantees;

/// <summary>
/// Every change gives an item a new, larger CAS unique; commands that only change the TTL (touch, gat, gats, mg T)
/// keep it, as memcached 1.6.18 does (checked by running the same steps against it).
/// </summary>
public sealed class CasUniqueTests
{
    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(ServerUnderTest.Both), MemberType = typeof(ServerUnderTest))]
    public async Task Each_change_gets_a_new_larger_CAS_and_touching_keeps_it(ServerKind kind)
    {
        await using var server = await ServerProcess.StartAsync(kind);
        await using var client = await server.ConnectAsync();
        var seen = new List<ulong>();

        async Task<ulong> ChangedAsync(string request, string reply)
        {
            Assert.Equal(reply, await client.RequestAsync(request));
            var cas = await CasAsync(client, request.Split(' ', '\r')[1]);
            Assert.True(seen.Count == 0 || cas > seen[^1], $"after {request.Trim()}: CAS {cas} is not larger than {string.Join(", ", seen)}");
            seen.Add(cas);
            return cas;
        }

        var afterSet = await ChangedAsync("set k 0 0 1\r\na\r\n", "STORED\r\n");
        Assert.Equal("TOUCHED\r\n", await client.RequestAsync("touch k 100\r\n"));
        Assert.Equal(afterSet, await CasAsync(client, "k"));
        Assert.Equal($"VALUE k 0 1 {afterSet}\r\na\r\nEND\r\n", await client.RequestAsync("gats 200 k\r\n", "END\r\n"));
        Assert.Equal("VALUE k 0 1\r\na\r\nEND\r\n", await client.RequestAsync("gat 300 k\r\n", "END\r\n"));
        Assert.Equal($"HD c{afterSet}\r\n", await client.RequestAsync("mg k T400 c\r\n"));
        Assert.Equal(afterSet, await CasAsync(client, "k"));

        await ChangedAsync("append k 0 0 1\r\nb\r\n", "STORED\r\n");
        await ChangedAsync("prepend k 0 0 1\r\nc\r\n", "STORED\r\n");
        await ChangedAsync("replace k 0 0 1\r\nd\r\n", "STORED\r\n");
        await ChangedAsync($"cas k 0 0 1 {seen[^1]}\r\ne\r\n", "STORED\r\n");
        Assert.Equal("EXISTS\r\n", await client.RequestAsync($"cas k 0 0 1 {seen[^2]}\r\nf\r\n"));
        Assert.Equal(seen[^1], await CasAsync(client, "k"));
        await ChangedAsync("ms k 1\r\ng\r\n", "HD\r\n");
        await ChangedAsync("set k 0 0 1\r\nh\r\n", "STORED\r\n");
        Assert.Equal("DELETED\r\n", await client.RequestAsync("delete k\r\n"));
        await ChangedAsync("add k 0 0 1\r\ni\r\n", "STORED\r\n");

        await ChangedAsync("set n 0 0 1\r\n5\r\n", "STORED\r\n");
        await ChangedAsync("incr n 3\r\n", "8\r\n");
        await ChangedAsync("decr n 1\r\n", "7\r\n");
        await ChangedAsync("ma n\r\n", "HD\r\n");
        Assert.Equal("TOUCHED\r\n", await client.RequestAsync("touch n 100\r\n"));
        Assert.Equal(seen[^1], await CasAsync(client, "n"));
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    private static async Task<ulong> CasAsync(RawClient client, string key)
    {
        var reply = await client.RequestAsync($"gets {key}\r\n", "END\r\n");
        var header = reply.Split("\r\n")[0].Split(' ');
        Assert.True(header.Length == 5 && header[0] == "VALUE", $"gets {key}: {reply}");
        return ulong.Parse(header[4], CultureInfo.InvariantCulture);
    }
}
