using Memgate.Server;

namespace Memgate.Node;

/// <summary>Creates a text/meta session for each client of a node.</summary>
internal sealed class NodeSessionFactory : ISessionFactory
{
    private readonly NodeContext _node;
    private readonly MemcachedSizing _sizing;

    public NodeSessionFactory(NodeContext node)
    {
        _node = node;
        _sizing = new MemcachedSizing(node.Settings);
    }

    public IProtocolSession CreateSession(ConnectionContext connection) => new TextSession(_node, connection, _sizing);
}
