using System.Net;
using Memgate.Proxy.Configuration;
using Memgate.Proxy.Routing;
using Memgate.Proxy.Session;
using Memgate.Server;
using Memgate.Server.Epoll;

namespace Memgate.Proxy;

/// <summary>
/// A running proxy: the backends (<see cref="ProxyCluster"/>) and a listener whose sessions route every request —
/// on Linux an <see cref="EpollListener"/>, whose loops also carry the backend connections, else a
/// <see cref="ConnectionListener"/>. Usable in-process (memgate cluster, tests).
/// </summary>
public sealed class ProxyServer : IAsyncDisposable
{
    private readonly IConnectionListener _listener;

    private ProxyServer(ProxyCluster cluster, IConnectionListener listener)
    {
        Cluster = cluster;
        _listener = listener;
    }

    /// <summary>The backends, router and counters.</summary>
    public ProxyCluster Cluster { get; }

    /// <summary>Endpoints actually bound.</summary>
    public IReadOnlyList<EndPoint> BoundEndpoints => _listener.BoundEndpoints;

    /// <summary>Validates <paramref name="settings"/> (throws <see cref="ArgumentException"/> listing every problem), connects nothing yet, binds and starts serving.</summary>
    public static ProxyServer Start(ProxySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        IReadOnlyList<string> errors = ProxySettingsValidator.Validate(settings);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(settings));
        }

        var endpoints = new List<IPEndPoint>();
        if (settings.Port != 0)
        {
            foreach (IPAddress address in ResolveListenAddresses(settings.ListenAddress))
            {
                endpoints.Add(new IPEndPoint(address, settings.Port));
            }
        }

        int listeners = endpoints.Count + (settings.UnixSocket is null ? 0 : 1);
        var options = new ServerOptions
        {
            TcpEndpoints = endpoints,
            UnixSocketPath = settings.UnixSocket,
            UnixSocketMask = Convert.ToInt32("644", 8),

            // magent's -n counts clients; the listener counts its listening sockets against the limit too.
            MaxConnections = settings.MaxConnections + listeners,
            Verbosity = settings.Verbose ? 2 : 0,
            EventLoopThreads = settings.EventLoopCount(),
        };

        ProxyCluster cluster = ProxyCluster.Create(settings);
        var statistics = new ServerStatistics();
        var sessions = new ProxySessionFactory(cluster, new ProxyAdmin(cluster, statistics));
        IConnectionListener listener = settings.Transport == "epoll"
            ? new EpollListener(options, sessions, statistics)
            : new ConnectionListener(options, sessions, statistics);
        try
        {
            listener.Start();
        }
        catch
        {
            cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }

        return new ProxyServer(cluster, listener);
    }

    private static IPAddress[] ResolveListenAddresses(string listen)
    {
        if (IPAddress.TryParse(listen, out IPAddress? address))
        {
            return [address];
        }

        return Dns.GetHostAddresses(listen);
    }

    public async ValueTask DisposeAsync()
    {
        await _listener.DisposeAsync().ConfigureAwait(false);
        await Cluster.DisposeAsync().ConfigureAwait(false);
    }
}
