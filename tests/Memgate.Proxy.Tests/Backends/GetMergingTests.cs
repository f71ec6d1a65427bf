using System.Text;
using Memgate.Proxy.Backends;
using Memgate.Proxy.Configuration;
using Memgate.Proxy.Tests.Integration;
using Memgate.Server.Epoll;

namespace Memgate.Proxy.Tests.Backends;

/// <summary>
/// A loop connection merges get/gets requests queued back to back into one backend request and splits the reply.
/// Every caller must get exactly the reply its own request gets alone: same hits, same order, same CAS values,
/// misses left out, its own END — against memcached and against a memgate node.
/// </summary>
public sealed class GetMergingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public static TheoryData<bool> Backends => [true, false];

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Merged_gets_each_get_the_reply_they_get_alone(bool memcached)
    {
        await using TestBackend backend = await TestBackend.StartAsync(memcached);
        await using var loop = new EventLoopThread();
        var connection = new LoopBackendConnection(loop.Scheduler, new ServerEndpoint("127.0.0.1", backend.Port), Timeout, Timeout, observer: null);
        string big = new('x', 100_000);
        await SendAsync(loop, connection,
            Set("a", "alpha", 1), Set("b", "", 2), Set("c", "gamma", 3), Set("big", big, 4), Set("d", "delta", 5));

        string[] requests =
        [
            "get a\r\n", "get missing\r\n", "get b c\r\n", "get a a\r\n", "get big\r\n", "get nope1 nope2\r\n",
            "gets a\r\n", "gets c missing b\r\n", "get d\r\n", "gets big\r\n", "get c b a missing d\r\n",
        ];
        string[] alone = new string[requests.Length];
        for (int i = 0; i < requests.Length; i++)
        {
            // One at a time: each request has left before the next is queued, so nothing merges.
            alone[i] = (await SendAsync(loop, connection, (requests[i], ReplyKind.Retrieval)))[0];
        }

        long mergedBefore = connection.MergedRequests;
        string[] together = await SendAsync(loop, connection, requests.Select(r => (r, ReplyKind.Retrieval)).ToArray());

        Assert.Equal(alone, together);
        // Five gets join the first; one gets joins the first gets; get/gets alternate after that and never mix.
        Assert.Equal(6, connection.MergedRequests - mergedBefore);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_write_between_two_gets_is_not_overtaken(bool memcached)
    {
        await using TestBackend backend = await TestBackend.StartAsync(memcached);
        await using var loop = new EventLoopThread();
        var connection = new LoopBackendConnection(loop.Scheduler, new ServerEndpoint("127.0.0.1", backend.Port), Timeout, Timeout, observer: null);

        string[] replies = await SendAsync(loop, connection,
            ("get k\r\n", ReplyKind.Retrieval), Set("k", "one", 0), ("get k\r\n", ReplyKind.Retrieval),
            ("delete k\r\n", ReplyKind.Line), ("get k other\r\n", ReplyKind.Retrieval));

        Assert.Equal(["END\r\n", "STORED\r\n", "VALUE k 0 3\r\none\r\nEND\r\n", "DELETED\r\n", "END\r\n"], replies);
    }

    [Fact]
    public async Task Callers_of_a_merged_get_all_fail_when_the_backend_goes_away()
    {
        await using TestBackend backend = await TestBackend.StartAsync(memcached: true);
        await using var loop = new EventLoopThread();
        var connection = new LoopBackendConnection(loop.Scheduler, new ServerEndpoint("127.0.0.1", backend.Port), Timeout, Timeout, observer: null);
        await SendAsync(loop, connection, ("version\r\n", ReplyKind.Line));

        // quit closes the connection; the merged gets behind it can get no reply.
        BackendReply[] replies = await SendRawAsync(loop, connection,
            ("quit\r\n", ReplyKind.Line), ("get a\r\n", ReplyKind.Retrieval), ("get b\r\n", ReplyKind.Retrieval), ("get c\r\n", ReplyKind.Retrieval));

        Assert.All(replies, r => Assert.Equal(BackendStatus.ConnectionLost, r.Status));
        Assert.Equal(0, connection.InFlight);
    }

    private static (string, ReplyKind) Set(string key, string value, int flags) =>
        ($"set {key} {flags} 0 {value.Length}\r\n{value}\r\n", ReplyKind.Line);

    private static async Task<string[]> SendAsync(EventLoopThread loop, LoopBackendConnection connection, params (string Request, ReplyKind Kind)[] requests)
    {
        BackendReply[] replies = await SendRawAsync(loop, connection, requests);
        return replies.Select(r =>
        {
            Assert.True(r.IsOk, r.Status.ToString());
            string text = Encoding.ASCII.GetString(r.Span);
            r.Dispose();
            return text;
        }).ToArray();
    }

    /// <summary>Queues every request in one loop callback (so they can merge) and collects the replies.</summary>
    private static Task<BackendReply[]> SendRawAsync(EventLoopThread loop, LoopBackendConnection connection, params (string Request, ReplyKind Kind)[] requests)
    {
        var done = new TaskCompletionSource<BackendReply[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        loop.Scheduler.Post(_ =>
        {
            var pending = requests.Select(r => connection.SendAsync(Encoding.ASCII.GetBytes(r.Request), r.Kind).AsTask()).ToArray();
            _ = Task.WhenAll(pending).ContinueWith(t => done.SetResult(t.Result), TaskScheduler.Default);
        }, null);
        return done.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
