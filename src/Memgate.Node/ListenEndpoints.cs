using System.Net;
using System.Net.Sockets;
using Memgate.Server;

namespace Memgate.Node;

/// <summary>Turns memcached's -p/-l/-s settings into the listener's endpoints.</summary>
internal static class ListenEndpoints
{
    public static ServerOptions ToServerOptions(NodeSettings settings) => new()
    {
        // memcached: a unix socket disables network listeners.
        TcpEndpoints = settings.UnixSocketPath is null && settings.TcpPort != 0 ? Resolve(settings) : [],
        UnixSocketPath = settings.UnixSocketPath,
        UnixSocketMask = settings.UnixSocketMask,
        MaxConnections = settings.MaxConnections,
        MaxConnectionsFast = settings.MaxConnsFast,
        Backlog = settings.Backlog,
        IdleTimeoutSeconds = settings.IdleTimeout,
        Verbosity = settings.Verbosity,
    };

    private static List<IPEndPoint> Resolve(NodeSettings settings)
    {
        if (settings.ListenAddresses.Count == 0)
        {
            return [new IPEndPoint(IPAddress.Any, settings.TcpPort), new IPEndPoint(IPAddress.IPv6Any, settings.TcpPort)];
        }

        var endpoints = new List<IPEndPoint>();
        foreach (string address in settings.ListenAddresses)
        {
            var (host, port) = SplitPort(address, settings.TcpPort);
            if (IPAddress.TryParse(host, out var ip))
            {
                endpoints.Add(new IPEndPoint(ip, port));
                continue;
            }

            foreach (var resolved in Dns.GetHostAddresses(host))
            {
                if (resolved.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
                {
                    endpoints.Add(new IPEndPoint(resolved, port));
                }
            }
        }

        return endpoints;
    }

    /// <summary>memcached accepts "host", "host:port", "[v6]" and "[v6]:port" for -l.</summary>
    private static (string Host, int Port) SplitPort(string address, int defaultPort)
    {
        if (address.StartsWith('['))
        {
            int close = address.IndexOf(']', StringComparison.Ordinal);
            string host = address[1..close];
            string rest = address[(close + 1)..];
            return rest.StartsWith(':') ? (host, int.Parse(rest[1..], System.Globalization.CultureInfo.InvariantCulture)) : (host, defaultPort);
        }

        int colon = address.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && colon == address.LastIndexOf(':'))
        {
            return (address[..colon], int.Parse(address[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        }

        return (address, defaultPort);
    }
}
