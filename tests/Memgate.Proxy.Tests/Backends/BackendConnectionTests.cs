using System.Diagnostics;
using System.Text;
using Memgate.Proxy.Backends;
using Memgate.Proxy.Configuration;
using Memgate.Proxy.Tests.Support;

namespace Memgate.Proxy.Tests.Backends;

/// <summary>
/// Both backend connection kinds under the same contract: the thread-safe <see cref="BackendConnection"/> (callers off
/// the loops) and the <see cref="LoopBackendConnection"/> a proxy epoll loop gives its client sessions.
/// </summary>
[Collection(RealProcessCollection.Name)]
public sealed class BackendConnectionTests
{
    public static TheoryData<BackendLinkKind> Kinds => [BackendLinkKind.Shared, BackendLinkKind.Loop];

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMilliseconds(400);

    // Scheduling slack on a shared 2-core machine; the bound checked is timeout + slack.
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(300);

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Thousand_pipelined_requests_on_one_connection_get_their_own_replies_in_order(BackendLinkKind kind)
    {
        using MemcachedProcess memcached = MemcachedProcess.Start();
        await using var connection = Connect(kind, memcached.Port);

        var sets = new List<ValueTask<BackendReply>>();
        var gets = new List<ValueTask<BackendReply>>();
        for (int i = 0; i < 1000; i++)
        {
            string value = "value-" + i;
            sets.Add(connection.SendAsync(Bytes($"set key{i} {i} 0 {value.Length}\r\n{value}\r\n"), ReplyKind.Line));
            gets.Add(connection.SendAsync(Bytes($"get key{i}\r\n"), ReplyKind.Retrieval));
        }

        for (int i = 0; i < 1000; i++)
        {
            using BackendReply set = await sets[i];
            using BackendReply get = await gets[i];
            Assert.Equal("STORED\r\n", Text(set));
            Assert.Equal($"VALUE key{i} {i} {("value-" + i).Length}\r\nvalue-{i}\r\nEND\r\n", Text(get));
        }

        Assert.Equal(0, connection.InFlight);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Large_value_and_multiget_replies_are_framed_whole(BackendLinkKind kind)
    {
        using MemcachedProcess memcached = MemcachedProcess.Start();
        await using var connection = Connect(kind, memcached.Port);
        string big = new('x', 700_000);

        using BackendReply stored = await connection.SendAsync(Bytes($"set big 0 0 {big.Length}\r\n{big}\r\n"), ReplyKind.Line);
        using BackendReply small = await connection.SendAsync(Bytes("set small 0 0 2\r\nhi\r\n"), ReplyKind.Line);
        using BackendReply both = await connection.SendAsync(Bytes("get big small missing\r\n"), ReplyKind.Retrieval);
        using BackendReply stats = await connection.SendAsync(Bytes("stats\r\n"), ReplyKind.Stats);
        using BackendReply meta = await connection.SendAsync(Bytes("mg small v\r\n"), ReplyKind.Meta);
        using BackendReply version = await connection.SendAsync(Bytes("version\r\n"), ReplyKind.Line);

        Assert.Equal("STORED\r\n", Text(stored));
        Assert.Equal($"VALUE big 0 {big.Length}\r\n{big}\r\nVALUE small 0 2\r\nhi\r\nEND\r\n", Text(both));
        Assert.EndsWith("END\r\n", Text(stats), StringComparison.Ordinal);
        Assert.Equal("VA 2\r\nhi\r\n", Text(meta));
        Assert.StartsWith("VERSION ", Text(version), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Stopped_backend_times_out_within_the_request_timeout_and_connection_recovers(BackendLinkKind kind)
    {
        using MemcachedProcess memcached = MemcachedProcess.Start();
        await using var connection = Connect(kind, memcached.Port);
        using (BackendReply warm = await connection.SendAsync(Bytes("version\r\n"), ReplyKind.Line))
        {
            Assert.True(warm.IsOk);
        }

        memcached.Pause();
        try
        {
            var clock = Stopwatch.StartNew();
            ValueTask<BackendReply> first = connection.SendAsync(Bytes("get a\r\n"), ReplyKind.Retrieval);
            ValueTask<BackendReply> second = connection.SendAsync(Bytes("get b\r\n"), ReplyKind.Retrieval);
            using BackendReply firstReply = await first;
            TimeSpan waited = clock.Elapsed;
            using BackendReply secondReply = await second;

            Assert.Equal(BackendStatus.Timeout, firstReply.Status);
            Assert.Equal(BackendStatus.ConnectionLost, secondReply.Status);
            Assert.InRange(waited, RequestTimeout - TimeSpan.FromMilliseconds(20), RequestTimeout + Slack);
        }
        finally
        {
            memcached.Resume();
        }

        using BackendReply after = await connection.SendAsync(Bytes("version\r\n"), ReplyKind.Line);
        Assert.True(after.IsOk);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Black_holed_backend_hits_the_request_timeout_and_no_request_waits_longer(BackendLinkKind kind)
    {
        using var blackHole = new BlackHoleServer();
        await using var connection = Connect(kind, blackHole.Port);

        // Requests sent at different moments, each measured from its own start.
        var waits = new List<Task<(BackendStatus Status, TimeSpan Waited)>>();
        for (int i = 0; i < 20; i++)
        {
            waits.Add(Timed(connection, "get k" + i));
            await Task.Delay(15);
        }

        foreach ((BackendStatus status, TimeSpan waited) in await Task.WhenAll(waits))
        {
            Assert.True(status is BackendStatus.Timeout or BackendStatus.ConnectionLost, status.ToString());
            Assert.True(waited <= RequestTimeout + Slack, $"waited {waited.TotalMilliseconds} ms");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Refused_connection_fails_fast_with_connect_failed(BackendLinkKind kind)
    {
        int port = FreePort.Next();
        await using var connection = Connect(kind, port);
        var clock = Stopwatch.StartNew();

        using BackendReply reply = await connection.SendAsync(Bytes("version\r\n"), ReplyKind.Line);

        Assert.Equal(BackendStatus.ConnectFailed, reply.Status);
        Assert.True(clock.Elapsed < ConnectTimeout + Slack, $"took {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Backend_that_closes_the_connection_fails_in_flight_requests_and_reconnects(BackendLinkKind kind)
    {
        using MemcachedProcess memcached = MemcachedProcess.Start();
        await using var connection = Connect(kind, memcached.Port);

        using BackendReply quit = await connection.SendAsync(Bytes("quit\r\n"), ReplyKind.Line);
        Assert.Equal(BackendStatus.ConnectionLost, quit.Status);

        using BackendReply after = await connection.SendAsync(Bytes("version\r\n"), ReplyKind.Line);
        Assert.True(after.IsOk);
    }

    private static async Task<(BackendStatus, TimeSpan)> Timed(IBackendLink connection, string command)
    {
        var clock = Stopwatch.StartNew();
        using BackendReply reply = await connection.SendAsync(Bytes(command + "\r\n"), ReplyKind.Retrieval);
        return (reply.Status, clock.Elapsed);
    }

    private static IBackendLink Connect(BackendLinkKind kind, int port) => BackendLink.Create(kind, new ServerEndpoint("127.0.0.1", port), ConnectTimeout, RequestTimeout);

    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);

    private static string Text(BackendReply reply) => Encoding.ASCII.GetString(reply.Span);
}
