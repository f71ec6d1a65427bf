using Memgate.Server.Epoll;

namespace Memgate.Server.Tests;

/// <summary>Creates the listener under test for a <see cref="ListenerKind"/>.</summary>
internal static class Listeners
{
    public static TheoryData<ListenerKind> Both => new() { ListenerKind.Sockets, ListenerKind.Epoll };

    public static IConnectionListener Create(ListenerKind kind, ServerOptions options, ISessionFactory sessions, ServerStatistics statistics)
        => kind == ListenerKind.Epoll
            ? new EpollListener(options, sessions, statistics)
            : new ConnectionListener(options, sessions, statistics);
}
