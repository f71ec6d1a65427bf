using Memgate.Proxy.Routing;
using Memgate.Server;

namespace Memgate.Proxy.Session;

/// <summary>Creates a <see cref="ProxySession"/> per accepted client.</summary>
internal sealed class ProxySessionFactory(ProxyCluster cluster, ProxyAdmin admin) : ISessionFactory
{
    public IProtocolSession CreateSession(ConnectionContext connection) => new ProxySession(cluster, admin, connection);
}
