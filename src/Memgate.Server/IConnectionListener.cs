using System.Net;

namespace Memgate.Server;

/// <summary>
/// A transport that accepts clients and runs their <see cref="IProtocolSession"/>s: <see cref="ConnectionListener"/>
/// (.NET sockets, any session) or <see cref="Epoll.EpollListener"/> (Linux, sessions that complete synchronously).
/// </summary>
public interface IConnectionListener : IAsyncDisposable
{
    ServerOptions Options { get; }

    ServerStatistics Statistics { get; }

    /// <summary>The endpoints actually bound (port 0 resolved), after <see cref="Start"/>.</summary>
    IReadOnlyList<EndPoint> BoundEndpoints { get; }

    /// <summary>Open client connections, for "stats conns".</summary>
    IReadOnlyCollection<ConnectionContext> Connections { get; }

    /// <summary>How many clients may be connected at once: -c minus listeners and reserved slots, as memcached counts.</summary>
    int ClientLimit { get; }

    /// <summary>Binds every endpoint (throws with a clear message when one cannot be bound) and starts accepting.</summary>
    void Start();
}
