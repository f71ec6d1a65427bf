using Memgate.Proxy.Configuration;
using Memgate.Proxy.Health;

namespace Memgate.Proxy.Backends;

/// <summary>
/// The few pipelined connections kept to one backend server, shared by all client connections,
/// together with the backend's health: while the backend is down, requests fail fast without
/// touching the network, and a <see cref="BackendProber"/> brings it back.
/// </summary>
public sealed class BackendPool : IAsyncDisposable
{
    private readonly BackendConnection[] _connections;
    private readonly BackendProber _prober;

    public BackendPool(ServerEndpoint endpoint, int connections, TimeoutSettings timeouts, HealthSettings health)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(timeouts);
        ArgumentOutOfRangeException.ThrowIfLessThan(connections, 1);
        Endpoint = endpoint;
        Health = new BackendHealth(health);
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

            return total;
        }
    }

    /// <summary>
    /// Sends a request over one of the connections. <paramref name="affinity"/> (e.g. the client
    /// connection's id) picks the connection, so one client's requests stay on one backend
    /// connection and keep their order: a set followed by a get from the same client is read
    /// after it is written.
    /// </summary>
    public ValueTask<BackendReply> SendAsync(ReadOnlyMemory<byte> request, ReplyKind kind, int affinity = 0)
    {
        if (!Health.AllowsRequests)
        {
            Health.OnFastFailure();
            return ValueTask.FromResult(BackendReply.Failed(BackendStatus.BackendDown));
        }

        return _connections[(uint)affinity % (uint)_connections.Length].SendAsync(request, kind);
    }

    public async ValueTask DisposeAsync()
    {
        await _prober.DisposeAsync().ConfigureAwait(false);
        foreach (BackendConnection connection in _connections)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
