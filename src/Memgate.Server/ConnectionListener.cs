using System.Net;

namespace Memgate.Server;

/// <summary>
/// Accepts clients on every configured TCP endpoint and unix socket and runs one connection loop per client
/// (receive → session.ProcessAsync → one send), enforcing maxconns and idle_timeout.
/// </summary>
public sealed class ConnectionListener : IAsyncDisposable
{
    public ConnectionListener(ServerOptions options, ISessionFactory sessions, ServerStatistics statistics)
    {
        Options = options;
        Sessions = sessions;
        Statistics = statistics;
        throw new NotImplementedException();
    }

    public ServerOptions Options { get; }

    public ISessionFactory Sessions { get; }

    public ServerStatistics Statistics { get; }

    /// <summary>The endpoints actually bound (port 0 resolved), after <see cref="Start"/>.</summary>
    public IReadOnlyList<EndPoint> BoundEndpoints => throw new NotImplementedException();

    /// <summary>Open client connections, for "stats conns".</summary>
    public IReadOnlyCollection<ConnectionContext> Connections => throw new NotImplementedException();

    /// <summary>Binds every endpoint (throws with a clear message when one cannot be bound) and starts accepting.</summary>
    public void Start() => throw new NotImplementedException();

    /// <summary>Stops accepting and closes every connection.</summary>
    public ValueTask DisposeAsync() => throw new NotImplementedException();
}
