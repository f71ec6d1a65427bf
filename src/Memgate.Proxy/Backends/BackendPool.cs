using Memgate.Proxy.Configuration;
using Memgate.Proxy.Health;
using Memgate.Server.Epoll;

namespace Memgate.Proxy.Backends;

/// <summary>
/// The pipelined connections kept to one backend server, together with the backend's health: while the backend
/// is down, requests fail fast without touching the network, and a <see cref="BackendProber"/> brings it back.
/// Client sessions on an epoll loop use that loop's own <see cref="LoopBackendConnection"/> (created on first use);
/// everything else (sessions on .NET sockets, repairs, warm-up, admin) shares a few thread-safe
/// <see cref="BackendConnection"/>s.
/// </summary>
public sealed class BackendPool : IAsyncDisposable
{
    /// <summary>Loops beyond this many (more than any machine's cores) use the shared connections.</summary>
    private const int MaxLoops = 256;

    private readonly BackendConnection[] _connections;
    private readonly LoopBackendConnection?[] _loopConnections = new LoopBackendConnection?[MaxLoops];
    private readonly TimeoutSettings _timeouts;
    private readonly BackendProber _prober;

    public BackendPool(ServerEndpoint endpoint, int connections, TimeoutSettings timeouts, HealthSettings health)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(timeouts);
        ArgumentOutOfRangeException.ThrowIfLessThan(connections, 1);
        Endpoint = endpoint;
        Health = new BackendHealth(health);
        _timeouts = timeouts;
        _connections = new BackendConnection[connections];
        for (int i = 0; i < connections; i++)
        {
            _connections[i] = new BackendConnection(
                endpoint,
                TimeSpan.FromMilliseconds(timeouts.ConnectMs),
                TimeSpan.FromMilliseconds(timeouts.RequestMs),
                Health);
        }

        _prober = new BackendProber(endpoint, Health, timeouts);
        _prober.Start();
    }

    /// <summary>The backend server.</summary>
    public ServerEndpoint Endpoint { get; }

    /// <summary>The backend's health state and counters.</summary>
    public BackendHealth Health { get; }

    /// <summary>Requests in flight over all connections (for stats).</summary>
    public int InFlight
    {
        get
        {
            int total = 0;
            foreach (BackendConnection connection in _connections)
            {
                total += connection.InFlight;
            }

            foreach (LoopBackendConnection? connection in _loopConnections)
            {
                total += connection?.InFlight ?? 0;
            }

            return total;
        }
    }

    /// <summary>get/gets requests that rode along in another request's backend get (see <see cref="GetGroup"/>).</summary>
    public long MergedGets
    {
        get
        {
            long total = 0;
            foreach (LoopBackendConnection? connection in _loopConnections)
            {
                total += connection?.MergedRequests ?? 0;
            }

            return total;
        }
    }

    /// <summary>
    /// Sends a request over one of the connections. <paramref name="affinity"/> (e.g. the client
    /// connection's id) picks the connection, so one client's requests stay on one backend
    /// connection and keep their order: a set followed by a get from the same client is read
    /// after it is written. On an epoll loop thread the loop's own connection is used instead (a client
    /// stays on one loop, so its order holds there too).
    /// </summary>
    public ValueTask<BackendReply> SendAsync(ReadOnlyMemory<byte> request, ReplyKind kind, int affinity = 0)
    {
        if (!Health.AllowsRequests)
        {
            Health.OnFastFailure();
            return ValueTask.FromResult(BackendReply.Failed(BackendStatus.BackendDown));
        }

        if (LoopScheduler.Current is { } loop && loop.Index < MaxLoops && LoopConnection(loop) is { } own)
        {
            return own.SendAsync(request.Span, kind);
        }

        return _connections[(uint)affinity % (uint)_connections.Length].SendAsync(request, kind);
    }

    // Only the loop's own thread creates or uses its slot. A thread of another listener's loop with the same index
    // (memgate cluster runs nodes on epoll loops in the same process) gets null and uses the shared connections.
    private LoopBackendConnection? LoopConnection(LoopScheduler loop)
    {
        LoopBackendConnection connection = _loopConnections[loop.Index] ??= new LoopBackendConnection(
            loop,
            Endpoint,
            TimeSpan.FromMilliseconds(_timeouts.ConnectMs),
            TimeSpan.FromMilliseconds(_timeouts.RequestMs),
            Health);
        return ReferenceEquals(connection.Loop, loop) ? connection : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _prober.DisposeAsync().ConfigureAwait(false);
        foreach (BackendConnection connection in _connections)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        foreach (LoopBackendConnection? connection in _loopConnections)
        {
            connection?.Dispose();
        }
    }
}
