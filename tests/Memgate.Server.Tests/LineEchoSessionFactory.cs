using System.Collections.Concurrent;
using Memgate.Server;

namespace Memgate.Server.Tests;

internal sealed class LineEchoSessionFactory : ISessionFactory
{
    public ConcurrentQueue<LineEchoSession> Sessions { get; } = new();

    public IProtocolSession CreateSession(ConnectionContext connection)
    {
        var session = new LineEchoSession();
        Sessions.Enqueue(session);
        return session;
    }
}
