using Memgate.Testing;
using static Memgate.Node.Tests.Binary.BinaryPacket;
using Op = Memgate.Protocol.Binary.BinaryOpcode;

namespace Memgate.Node.Tests.Binary;

/// <summary>
/// STAT settings/items/slabs list the same fields as memcached's. Run on a fresh pair so that only the smallest slab
/// class holds items (which class a large value lands in is the engine's own business).
/// </summary>
public sealed class BinaryStatsOnFreshServersTests
{
    [ToolFact(Tool.Memcached)]
    public async Task Stat_settings_items_and_slabs_list_memcached_fields()
    {
        var binaryCase = new BinaryCase("stat_settings_items_slabs", [Concat(
            Store(Op.Set, "st1", "v"), Request(Op.Stat, "settings"), Request(Op.Stat, "items"), Request(Op.Stat, "slabs"))]);
        await using var reference = await ServerProcess.StartAsync(ServerKind.Memcached);
        await using var candidate = await ServerProcess.StartAsync(ServerKind.Memgate, "-u", "root");
        var expected = await BinaryExchange.RunAsync(reference, binaryCase);
        var actual = await BinaryExchange.RunAsync(candidate, binaryCase);
        Assert.Equal(expected, actual);
    }
}
