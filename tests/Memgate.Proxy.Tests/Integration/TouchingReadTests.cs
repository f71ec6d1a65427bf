using System.Globalization;
using Memgate.Testing;

namespace Memgate.Proxy.Tests.Integration;

/// <summary>
/// Touching reads (gat, gats, mg with T) change the TTL on both copies of a key, not only on the copy that
/// answered: after a failover the other copy must neither expire early nor live too long. Each backend is asked
/// directly for the key's remaining TTL (<c>mg key t</c>).
/// </summary>
public sealed class TouchingReadTests
{
    public static TheoryData<BackendKind> Kinds => [BackendKind.MemgateNodes, BackendKind.Memcached, BackendKind.Mixed];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Gat_sets_the_new_ttl_on_both_copies(BackendKind kind)
    {
        await using var cluster = await ProxyUnderTest.StartAsync(kind, s => s.Health.WarmupWhenFirstSeenEmpty = false);
        await using var client = await cluster.ConnectAsync();
        Assert.Equal("STORED\r\n", await client.LineAsync("set tk 3 0 2\r\nhi\r\n"));
        await AssertTtlOnBothAsync(cluster, "tk", -1, -1);

        Assert.Equal("VALUE tk 3 2\r\nhi\r\nEND\r\n", await client.EndAsync("gat 100 tk\r\n"));
        await AssertTtlOnBothAsync(cluster, "tk", 95, 100);

        string stats = await client.EndAsync("stats\r\n");
        Assert.Contains("STAT replica_touches 1\r\n", stats, StringComparison.Ordinal);
        Assert.Contains("STAT replica_failures 0\r\n", stats, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Gats_with_keys_across_nodes_sets_the_new_ttl_on_both_copies_of_each(BackendKind kind)
    {
        await using var cluster = await ProxyUnderTest.StartAsync(kind, s => s.Health.WarmupWhenFirstSeenEmpty = false);
        await using var client = await cluster.ConnectAsync();
        var keys = new List<string>();
        for (int i = 0; i < 6; i++)
        {
            keys.Add(cluster.KeyOn(i % 2, "gk" + i.ToString(CultureInfo.InvariantCulture) + "_"));
        }

        foreach (string key in keys)
        {
            Assert.Equal("STORED\r\n", await client.LineAsync($"set {key} 0 50 1\r\nv\r\n"));
        }

        // A missing key and a repeated one on the way: the reply is still memcached's.
        var asked = new List<string> { keys[0], "gk-missing", keys[1], keys[2], keys[3], keys[4], keys[5], keys[0] };
        string reply = await client.EndAsync("gats 200 " + string.Join(' ', asked) + "\r\n");
        Assert.Equal(asked.Count - 1, reply.Split("VALUE ").Length - 1);

        foreach (string key in keys)
        {
            await AssertTtlOnBothAsync(cluster, key, 195, 200);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Meta_get_with_T_sets_the_new_ttl_on_both_copies(BackendKind kind)
    {
        await using var cluster = await ProxyUnderTest.StartAsync(kind, s => s.Health.WarmupWhenFirstSeenEmpty = false);
        await using var client = await cluster.ConnectAsync();
        Assert.Equal("HD\r\n", await client.MetaAsync("ms mtk 1 T30\r\nz\r\n"));
        await AssertTtlOnBothAsync(cluster, "mtk", 25, 30);

        Assert.Equal("VA 1\r\nz\r\n", await client.MetaAsync("mg mtk T100 v\r\n"));
        await AssertTtlOnBothAsync(cluster, "mtk", 95, 100);

        // A meta get without T leaves the TTL alone; base64 keys are touched too.
        Assert.Equal("VA 1\r\nz\r\n", await client.MetaAsync("mg mtk v\r\n"));
        await AssertTtlOnBothAsync(cluster, "mtk", 95, 100);
        Assert.Equal("HD\r\n", await client.MetaAsync("ms dG91Y2g= 1 b\r\nb\r\n"));
        Assert.Equal("HD\r\n", await client.MetaAsync("mg dG91Y2g= b T300\r\n"));
        await AssertTtlOnBothAsync(cluster, "touch", 295, 300);
    }

    private static async Task AssertTtlOnBothAsync(ProxyUnderTest cluster, string key, int low, int high)
    {
        (TestBackend primary, TestBackend replica) = cluster.Locate(key);
        foreach (TestBackend backend in new[] { primary, replica })
        {
            await using RawClient direct = await backend.ConnectAsync();

            // The other copy's touch is tracked in the background: it was sent before the client's reply, but
            // may be executed a moment after it.
            int ttl = int.MinValue;
            await ProxyCommandTests.Eventually(async () =>
            {
                ttl = await TtlAsync(direct, key);
                return ttl >= low && ttl <= high;
            });
            Assert.True(ttl >= low && ttl <= high, $"{key} on {backend.Address}: ttl {ttl}, expected {low}..{high}");
        }
    }

    /// <summary>The key's remaining TTL on one backend (<c>mg key t</c>; -1 = never expires).</summary>
    internal static async Task<int> TtlAsync(RawClient direct, string key)
    {
        string reply = await direct.MetaAsync($"mg {key} t\r\n");
        Assert.StartsWith("HD t", reply, StringComparison.Ordinal);
        return int.Parse(reply.AsSpan(4, reply.Length - 6), CultureInfo.InvariantCulture);
    }
}
