using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Memgate.Server;

namespace Memgate.Server.Tests;

/// <summary>The listener contract, checked for both transports (.NET sockets and epoll).</summary>
public sealed class ConnectionListenerTests
{
    public static TheoryData<ListenerKind> Both => Listeners.Both;

    private static async Task<(IConnectionListener Listener, LineEchoSessionFactory Sessions)> StartAsync(ListenerKind kind, ServerOptions options)
    {
        var sessions = new LineEchoSessionFactory();
        var listener = Listeners.Create(kind, options, sessions, new ServerStatistics());
        listener.Start();
        await Task.Yield();
        return (listener, sessions);
    }

    private static ServerOptions Loopback(int maxConnections = 1024) => new()
    {
        TcpEndpoints = [new IPEndPoint(IPAddress.Loopback, 0), new IPEndPoint(IPAddress.IPv6Loopback, 0)],
        MaxConnections = maxConnections,
    };

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (int i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Port_zero_reports_the_bound_ports_for_IPv4_and_IPv6(ListenerKind kind)
    {
        var (listener, _) = await StartAsync(kind, Loopback());
        await using var _ = listener;
        Assert.Equal(2, listener.BoundEndpoints.Count);
        foreach (var endpoint in listener.BoundEndpoints.Cast<IPEndPoint>())
        {
            Assert.NotEqual(0, endpoint.Port);
            using var client = new TestClient(endpoint);
            client.Send("hello\n");
            Assert.Equal("hello\n", client.Receive(6));
        }
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Pipelined_requests_are_answered_with_one_send(ListenerKind kind)
    {
        var (listener, sessions) = await StartAsync(kind, Loopback());
        await using var _ = listener;
        using var client = new TestClient(listener.BoundEndpoints[0]);
        client.Send("warmup\n");
        Assert.Equal("warmup\n", client.Receive(7));
        long sendsBefore = listener.Statistics.SendOperations;

        string batch = string.Concat(Enumerable.Range(0, 100).Select(i => $"line {i:D3}\n"));
        client.Send(batch);
        Assert.Equal(batch, client.Receive(batch.Length));
        var session = Assert.Single(sessions.Sessions);

        // One send per ProcessAsync call that produced output: far fewer than the 100 requests.
        long sends = listener.Statistics.SendOperations - sendsBefore;
        Assert.True(sends <= session.ProcessCalls, $"{sends} sends for {session.ProcessCalls} batches");
        Assert.True(sends < 10, $"{sends} sends for 100 pipelined requests");
        await WaitUntilAsync(() => listener.Statistics.BytesWritten == 7 + batch.Length);
        Assert.Equal(7 + batch.Length, listener.Statistics.BytesRead);
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Over_maxconns_a_client_gets_the_memcached_error_and_is_closed(ListenerKind kind)
    {
        var options = Loopback(maxConnections: 4) with { TcpEndpoints = [new IPEndPoint(IPAddress.Loopback, 0)], ReservedConnections = 1 };
        var (listener, _) = await StartAsync(kind, options);
        await using var _ = listener;
        Assert.Equal(2, listener.ClientLimit);
        using var first = new TestClient(listener.BoundEndpoints[0]);
        using var second = new TestClient(listener.BoundEndpoints[0]);
        first.Send("a\n");
        second.Send("b\n");
        Assert.Equal("a\n", first.Receive(2));
        Assert.Equal("b\n", second.Receive(2));

        using var third = new TestClient(listener.BoundEndpoints[0]);
        Assert.Equal("ERROR Too many open connections\r\n", third.ReceiveToEnd());
        Assert.Equal(1, listener.Statistics.RejectedConnections);
        Assert.Equal(2, listener.Statistics.CurrConnections);
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Idle_connections_are_closed_after_the_idle_timeout(ListenerKind kind)
    {
        var (listener, _) = await StartAsync(kind, Loopback() with { IdleTimeoutSeconds = 1 });
        await using var _ = listener;
        using var client = new TestClient(listener.BoundEndpoints[0]);
        client.Send("x\n");
        Assert.Equal("x\n", client.Receive(2));
        Assert.Equal("", client.ReceiveToEnd());
        Assert.Equal(1, listener.Statistics.IdleKicks);
        await WaitUntilAsync(() => listener.Statistics.CurrConnections == 0);
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Requests_larger_than_the_receive_buffer_grow_it(ListenerKind kind)
    {
        var (listener, _) = await StartAsync(kind, Loopback() with { ReceiveBufferSize = 1024 });
        await using var _ = listener;
        using var client = new TestClient(listener.BoundEndpoints[0]);
        var body = new byte[3 * 1024 * 1024];
        client.Send($"big {body.Length}\n");
        client.Send(body);
        client.Send("after\n");
        string expected = $"got {body.Length}\nafter\n";
        Assert.Equal(expected, client.Receive(expected.Length));

        // A line without MinimumInput longer than the buffer also grows it.
        string longLine = new string('k', 10_000) + "\n";
        client.Send(longLine);
        Assert.Equal(longLine, client.Receive(longLine.Length));
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Session_close_sends_the_reply_then_closes(ListenerKind kind)
    {
        var (listener, _) = await StartAsync(kind, Loopback());
        await using var _ = listener;
        using var client = new TestClient(listener.BoundEndpoints[0]);
        client.Send("one\nquit\nnever\n");
        Assert.Equal("one\nbye\n", client.ReceiveToEnd());
        await WaitUntilAsync(() => listener.Statistics.CurrConnections == 0);
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task A_failing_session_or_abrupt_client_closes_only_its_connection(ListenerKind kind)
    {
        var (listener, _) = await StartAsync(kind, Loopback());
        await using var _ = listener;
        using var healthy = new TestClient(listener.BoundEndpoints[0]);
        using (var failing = new TestClient(listener.BoundEndpoints[0]))
        {
            failing.Send("throw\n");
            Assert.Equal("", failing.ReceiveToEnd());
        }

        using (var abrupt = new TestClient(listener.BoundEndpoints[0]))
        {
            abrupt.Send("half a requ");
        }

        healthy.Send("still here\n");
        Assert.Equal("still here\n", healthy.Receive(11));
        await WaitUntilAsync(() => listener.Statistics.CurrConnections == 1);
    }

    [Theory]
    [MemberData(nameof(Both))]
    [SupportedOSPlatform("linux")]
    public async Task Unix_socket_replaces_a_stale_file_and_applies_the_mask(ListenerKind kind)
    {
        string path = Path.Combine(Path.GetTempPath(), $"memgate-test-{Environment.ProcessId}-{Guid.NewGuid():N}.sock");
        await File.WriteAllBytesAsync(path, []);
        var options = new ServerOptions { UnixSocketPath = path, UnixSocketMask = Convert.ToInt32("755", 8) };
        var (listener, _) = await StartAsync(kind, options);
        await using (listener)
        {
            Assert.Equal(
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
                File.GetUnixFileMode(path));
            using var client = new TestClient(new UnixDomainSocketEndPoint(path));
            client.Send("unix\n");
            Assert.Equal("unix\n", client.Receive(5));
        }

        Assert.False(File.Exists(path));
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Many_connections_are_served_and_counted(ListenerKind kind)
    {
        var (listener, _) = await StartAsync(kind, Loopback());
        await using var _ = listener;
        var clients = Enumerable.Range(0, 200).Select(_ => new TestClient(listener.BoundEndpoints[0])).ToList();
        try
        {
            foreach (var (client, i) in clients.Select((c, i) => (c, i)))
            {
                client.Send($"c{i:D3}\n");
            }

            foreach (var (client, i) in clients.Select((c, i) => (c, i)))
            {
                Assert.Equal($"c{i:D3}\n", client.Receive(5));
            }

            Assert.Equal(200, listener.Statistics.CurrConnections);
            Assert.Equal(202, listener.Statistics.TotalConnections);
            Assert.Equal(202, listener.Statistics.ConnectionStructures);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }

        await WaitUntilAsync(() => listener.Statistics.CurrConnections == 0);
    }
}
