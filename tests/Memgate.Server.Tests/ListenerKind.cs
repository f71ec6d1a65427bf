namespace Memgate.Server.Tests;

/// <summary>The two transports behind <see cref="IConnectionListener"/>; every listener test runs against both.</summary>
public enum ListenerKind
{
    Sockets,
    Epoll,
}
