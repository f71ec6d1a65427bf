namespace Memgate.Node;

/// <summary>How the node talks to its clients: <c>-o memgate_transport=epoll|sockets</c> (memgate's own option).</summary>
public enum NodeTransport
{
    /// <summary>.NET sockets through <see cref="Memgate.Server.ConnectionListener"/>: any OS.</summary>
    Sockets,

    /// <summary>memgate's level-triggered epoll loops (<see cref="Memgate.Server.Epoll.EpollListener"/>): Linux only; elsewhere the node uses sockets.</summary>
    Epoll,
}
