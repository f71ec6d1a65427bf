using System.Net;
using System.Net.Sockets;

namespace Memgate.Server.Tests;

/// <summary>Flow control of the connection loop (yield, back-pressure, asynchronous sessions, shutdown), for both transports.</summary>
public sealed class ListenerFlowTests
{
    public static TheoryData<ListenerKind> Both => Listeners.Both;

    private static async Task<(IConnectionListener Listener, LineEchoSessionFactory Sessions)> StartAsync(ListenerKind kind, ServerOptions? options = null)
    {
        var sessions = new LineEchoSessionFactory();
        var listener = Listeners.Create(kind, options ?? new ServerOptions { TcpEndpoints = [new IPEndPoint(IPAddress.Loopback, 0)] }, sessions, new ServerStatistics());
        listener.Start();
        await Task.Yield();
        return (listener, sessions);
    }

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
    public async Task Yield_sends_then_processes_the_rest_without_new_input(ListenerKind kind)
    {
        var (listener, _) = await StartAsync(kind);
        await using var _ = listener;
        using var client = new TestClient(listener.BoundEndpoints[0]);
        client.Send("yield\nyield\nyield\nlast\n");
        Assert.Equal("yielded\nyielded\nyielded\nlast\n", client.Receive(29));
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task A_client_that_does_not_read_gets_back_pressure_and_others_are_served(ListenerKind kind)
    {
        var (listener, _) = await StartAsync(kind);
        await using var _ = listener;
        using var slow = new TestClient(listener.BoundEndpoints[0]);
        const int size = 16 * 1024 * 1024;

        // Far more than the socket buffers hold: the server must park the rest until the client reads.
        slow.Send($"flood {size}\nafter\n");
        await Task.Delay(200);
        using (var other = new TestClient(listener.BoundEndpoints[0]))
        {
            other.Send("meanwhile\n");
            Assert.Equal("meanwhile\n", other.Receive(10));
        }

        string reply = slow.Receive(size + 1 + 6);
        Assert.Equal(size + 7, reply.Length);
        Assert.EndsWith("x\nafter\n", reply, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task A_session_that_completes_asynchronously_is_resumed_in_order(ListenerKind kind)
    {
        var (listener, sessions) = await StartAsync(kind);
        await using var _ = listener;
        using var client = new TestClient(listener.BoundEndpoints[0]);
        client.Send("one\nslow\ntwo\n");
        Assert.Equal("one\nslow\ntwo\n", client.Receive(13));
        client.Send("three\n");
        Assert.Equal("three\n", client.Receive(6));
        Assert.False(Assert.Single(sessions.Sessions).RanAfterDispose);
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Dispose_closes_clients_and_no_session_runs_afterwards(ListenerKind kind)
    {
        var (listener, sessions) = await StartAsync(kind);
        var clients = Enumerable.Range(0, 8).Select(_ => new TestClient(listener.BoundEndpoints[0])).ToList();
        try
        {
            foreach (var client in clients)
            {
                client.Send("hi\n");
                Assert.Equal("hi\n", client.Receive(3));
            }

            clients[0].Send("slow\n");
            await Task.Delay(10);
            await listener.DisposeAsync();
            Assert.All(sessions.Sessions, s => Assert.True(s.Disposed));
            Assert.All(sessions.Sessions, s => Assert.Equal(0, s.Running));
            Assert.All(sessions.Sessions, s => Assert.False(s.RanAfterDispose));
            foreach (var client in clients.Skip(1))
            {
                Assert.Equal("", client.ReceiveToEnd());
            }

            Assert.Equal(0, listener.Statistics.CurrConnections);
            Assert.Throws<SocketException>(() => new TestClient(listener.BoundEndpoints[0]).Dispose());
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Without_maxconns_fast_accepting_pauses_until_a_slot_frees(ListenerKind kind)
    {
        var options = new ServerOptions { TcpEndpoints = [new IPEndPoint(IPAddress.Loopback, 0)], MaxConnections = 3, MaxConnectionsFast = false };
        var (listener, _) = await StartAsync(kind, options);
        await using var _ = listener;
        Assert.Equal(2, listener.ClientLimit);
        var first = new TestClient(listener.BoundEndpoints[0]);
        using var second = new TestClient(listener.BoundEndpoints[0]);
        first.Send("a\n");
        second.Send("b\n");
        Assert.Equal("a\n", first.Receive(2));
        Assert.Equal("b\n", second.Receive(2));

        // The third waits in the backlog (connect succeeds, nothing is answered) until the first leaves.
        using var third = new TestClient(listener.BoundEndpoints[0]);
        third.Send("c\n");
        await WaitUntilAsync(() => listener.Statistics.ListenDisabledNum == 1);
        Assert.Equal(2, listener.Statistics.CurrConnections);
        first.Dispose();
        Assert.Equal("c\n", third.Receive(2));
        Assert.Equal(0, listener.Statistics.RejectedConnections);
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Connections_lists_open_clients_with_their_addresses(ListenerKind kind)
    {
        var (listener, _) = await StartAsync(kind);
        await using var _ = listener;
        using var client = new TestClient(listener.BoundEndpoints[0]);
        client.Send("x\n");
        Assert.Equal("x\n", client.Receive(2));
        var connection = Assert.Single(listener.Connections);
        Assert.StartsWith("127.0.0.1:", connection.RemoteAddress, StringComparison.Ordinal);
        Assert.Equal(listener.BoundEndpoints[0].ToString(), connection.LocalAddress);
        Assert.False(connection.IsUnixSocket);
    }
}
