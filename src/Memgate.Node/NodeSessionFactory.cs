using Memgate.Node.Binary;
using Memgate.Server;

namespace Memgate.Node;

/// <summary>Creates the session for each client of a node: text/meta, binary, or chosen by the first byte (-B).</summary>
internal sealed class NodeSessionFactory : ISessionFactory
{
    private readonly NodeContext _node;
    private readonly MemcachedSizing _sizing;

    public NodeSessionFactory(NodeContext node)
    {
        _node = node;
        _sizing = new MemcachedSizing(node.Settings);
    }

    public IProtocolSession CreateSession(ConnectionContext connection) => _node.Settings.Protocol switch
    {
        "ascii" => new TextSession(_node, connection, _sizing),
        "binary" => new BinarySession(_node, connection),
        _ => new NegotiatingSession(() => new TextSession(_node, connection, _sizing), () => new BinarySession(_node, connection)),
    };
}
