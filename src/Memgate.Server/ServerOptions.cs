using System.Net;

namespace Memgate.Server;

/// <summary>Network-level settings shared by node and proxy.</summary>
public sealed record ServerOptions
{
    /// <summary>TCP endpoints to listen on (several addresses, IPv4 and IPv6).</summary>
    public IReadOnlyList<IPEndPoint> TcpEndpoints { get; init; } = [];

    /// <summary>Unix socket path (-s), or null.</summary>
    public string? UnixSocketPath { get; init; }

    /// <summary>Unix socket permission mask (-a), octal as memcached parses it.</summary>
    public int UnixSocketMask { get; init; } = Convert.ToInt32("700", 8);

    /// <summary>-c: maximum simultaneous client connections.</summary>
    public int MaxConnections { get; init; } = 1024;

    /// <summary>-o maxconns_fast: over the limit, reply "ERROR Too many open connections" and close.</summary>
    public bool MaxConnectionsFast { get; init; } = true;

    /// <summary>-b: listen backlog.</summary>
    public int Backlog { get; init; } = 1024;

    /// <summary>-o idle_timeout: seconds of inactivity after which a client is disconnected (0 = never).</summary>
    public int IdleTimeoutSeconds { get; init; }

    /// <summary>Initial receive buffer per connection.</summary>
    public int ReceiveBufferSize { get; init; } = 16 * 1024;

    /// <summary>
    /// Connection slots that count against <see cref="MaxConnections"/> besides clients and listening sockets.
    /// memcached compares its internal connection count plus reserved descriptors with -c, so at -c N it accepts
    /// fewer than N clients; the node sets this to match (measured against memcached 1.6.18:
    /// clients accepted = N - listeners - (8 + 4 × threads)).
    /// </summary>
    public int ReservedConnections { get; init; }

    /// <summary>
    /// Event-loop threads for transports that run their own (the epoll transport, -t), capped at the processor count.
    /// <see cref="ConnectionListener"/> ignores it: .NET's socket engine sizes its own epoll threads.
    /// </summary>
    public int EventLoopThreads { get; init; } = 1;

    /// <summary>-v verbosity (0..3) for connection logging to stderr.</summary>
    public int Verbosity { get; init; }
}
