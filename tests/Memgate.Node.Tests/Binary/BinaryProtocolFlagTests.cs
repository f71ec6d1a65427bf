using Memgate.Testing;
using static Memgate.Node.Tests.Binary.BinaryPacket;
using Op = Memgate.Protocol.Binary.BinaryOpcode;

namespace Memgate.Node.Tests.Binary;

/// <summary>-B binary and -B auto behave as in memcached; a malformed packet never takes the server down (issue_192.t).</summary>
public sealed class BinaryProtocolFlagTests
{
    public static TheoryData<string, string> FlagCases => new()
    {
        { "binary", "binary_requests_are_served" },
        { "binary", "text_is_read_as_a_binary_header_and_closes" },
        { "auto", "binary_requests_are_served" },
        { "auto", "text_is_read_as_a_binary_header_and_closes" },
    };

    [ToolTheory(Tool.Memcached)]
    [MemberData(nameof(FlagCases))]
    public async Task Protocol_flag_matches_memcached(string protocol, string caseName)
    {
        var binaryCase = caseName == "binary_requests_are_served"
            ? new BinaryCase(caseName, [Concat(Store(Op.Set, "b", "v"), Get(Op.GetK, "b"), Request(Op.Version))])
            : new BinaryCase(caseName, [new BinaryStep(_ => "version\r\nversion\r\nversion\r\n"u8.ToArray()) { ExpectClose = protocol == "binary" }]);
        await using var reference = await ServerProcess.StartAsync(ServerKind.Memcached, "-B", protocol);
        await using var candidate = await ServerProcess.StartAsync(ServerKind.Memgate, "-u", "root", "-B", protocol);
        var expected = await BinaryExchange.RunAsync(reference, binaryCase);
        var actual = await BinaryExchange.RunAsync(candidate, binaryCase);
        Assert.Equal(expected, actual);
    }

    [ToolFact(Tool.Memcached)]
    public async Task With_cas_disabled_request_cas_is_ignored_by_stores_and_mismatches_elsewhere()
    {
        var binaryCase = new BinaryCase("cas_disabled", [Concat(
            Store(Op.Set, "d", "1"), Store(Op.Set, "d", "2", cas: 5), Request(Op.Append, "d", value: "3"u8.ToArray(), cas: 5),
            Request(Op.Delete, "d", cas: 3), Delta(Op.Increment, "d", 1, cas: 3), Get(Op.GetK, "d"))]);
        await using var reference = await ServerProcess.StartAsync(ServerKind.Memcached, "-C");
        await using var candidate = await ServerProcess.StartAsync(ServerKind.Memgate, "-u", "root", "-C");
        Assert.Equal(await BinaryExchange.RunAsync(reference, binaryCase), await BinaryExchange.RunAsync(candidate, binaryCase));
    }

    [Fact]
    public async Task Malformed_packets_close_only_their_connection()
    {
        await using var server = await ServerProcess.StartAsync(ServerKind.Memgate, "-u", "root");
        byte[][] malformed =
        [
            Request(Op.Get, "abc", bodyLength: 1),
            Request(Op.Set, "k", StoreExtras(0, 0), bodyLength: 0xffffffff),
            Request(Op.Increment, "k", new byte[3]),
            Request(Op.Noop, magic: 0x42),
            Raw(0xff, new byte[300], [], []),
            Request(Op.Set, "k", StoreExtras(0, 0), keyLength: 0xffff, bodyLength: 0xffffffff),
        ];
        await using var bystander = await server.ConnectAsync();
        foreach (var packet in malformed)
        {
            await using var client = await server.ConnectAsync();
            await client.SendAsync(Concat(packet, new byte[64]));
            await client.ReadQuietAsync(TimeSpan.FromMilliseconds(200));
        }

        await bystander.SendAsync(Concat(Request(Op.Version), Sentinel));
        var reply = await bystander.ReadAsync(BinaryResponse.FrameUntilSentinel);
        Assert.True(reply.IsComplete, reply.ToString());
    }
}
