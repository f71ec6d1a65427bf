using System.Net;
using System.Net.Sockets;
using Memgate.Server;

namespace Memgate.Node.CommandLine;

/// <summary>
/// Turns -p/-l/-s/-a/-c/-b into the listener's <see cref="ServerOptions"/> the way memcached binds: -s disables the
/// network, -p 0 disables TCP, -p -1 asks for an ephemeral port, no -l means 0.0.0.0 and ::, -l entries may be
/// host, host:port or [v6]:port and are resolved like getaddrinfo.
/// </summary>
public static class ListenEndpoints
{
    /// <summary>Builds the server options; throws <see cref="ListenAddressException"/> with memcached's message when -l cannot be resolved.</summary>
    public static ServerOptions ToServerOptions(NodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var endpoints = new List<IPEndPoint>();
        if (settings.UnixSocketPath is null && settings.TcpPort != 0)
        {
            int port = settings.TcpPort == -1 ? 0 : settings.TcpPort;
            if (settings.ListenAddresses.Count == 0)
            {
                endpoints.Add(new IPEndPoint(IPAddress.Any, port));
                if (Socket.OSSupportsIPv6)
                {
                    endpoints.Add(new IPEndPoint(IPAddress.IPv6Any, port));
                }
            }

            foreach (string entry in settings.ListenAddresses)
            {
                endpoints.AddRange(Resolve(entry, port));
            }
        }

        return new ServerOptions
        {
            TcpEndpoints = endpoints,
            UnixSocketPath = settings.UnixSocketPath,
            UnixSocketMask = settings.UnixSocketMask,
            MaxConnections = settings.MaxConnections,
            MaxConnectionsFast = settings.MaxConnsFast,
            Backlog = settings.Backlog,
            IdleTimeoutSeconds = settings.IdleTimeout,
            Verbosity = settings.Verbosity,
            EventLoopThreads = settings.Threads,

            // Measured with memcached 1.6.18: at -c N it accepts N - listeners - (8 + 4 × threads) clients.
            ReservedConnections = 8 + (4 * settings.Threads),
        };
    }

    private static IEnumerable<IPEndPoint> Resolve(string entry, int defaultPort)
    {
        string host = entry;
        int port = defaultPort;
        if (entry.StartsWith('['))
        {
            int close = entry.IndexOf(']', StringComparison.Ordinal);
            host = close > 0 ? entry[1..close] : entry;
            if (close > 0 && close + 1 < entry.Length && entry[close + 1] == ':')
            {
                port = CNumber.Atoi(entry[(close + 2)..]);
            }
        }
        else if (entry.Count(c => c == ':') == 1)
        {
            int colon = entry.IndexOf(':', StringComparison.Ordinal);
            host = entry[..colon];
            port = CNumber.Atoi(entry[(colon + 1)..]);
        }

        if (IPAddress.TryParse(host, out var address))
        {
            return [new IPEndPoint(address, port)];
        }

        try
        {
            return Dns.GetHostAddresses(host).Select(a => new IPEndPoint(a, port)).Distinct().ToArray();
        }
        catch (SocketException)
        {
            throw new ListenAddressException($"getaddrinfo(): Name or service not known\nfailed to listen on one of interface(s) {entry}: Success\n");
        }
    }
}
