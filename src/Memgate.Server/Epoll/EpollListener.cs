using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Memgate.Server.Epoll;

/// <summary>
/// The Linux epoll transport: the <see cref="ConnectionListener"/> contract (endpoints, maxconns, idle_timeout,
/// unix sockets, stats) on its own level-triggered epoll loops instead of .NET's socket engine. One recv per
/// readiness and one send per batch, as memcached does: .NET sockets make a second, EAGAIN-returning recv per
/// request (docs/PERFORMANCE.md, "Node CPU per request").
/// </summary>
/// <remarks>
/// <see cref="ServerOptions.EventLoopThreads"/> loops (capped at the processor count), each with its own epoll set;
/// loop 0 also accepts and deals clients out round-robin. Sessions run inline on their loop's thread: the node's
/// complete synchronously; the proxy's await backend connections that live on the same loop
/// (<see cref="LoopScheduler"/>), so they resume there too (see <see cref="EpollConnection"/>).
/// </remarks>
public sealed class EpollListener : IConnectionListener
{
    private static readonly byte[] TooManyConnections = "ERROR Too many open connections\r\n"u8.ToArray();

    private readonly List<Socket> _listeners = [];
    private readonly List<EndPoint> _bound = [];
    private readonly ConcurrentDictionary<long, EpollConnection> _connections = new();
    private readonly ConcurrentBag<Task> _draining = [];
    private readonly CancellationTokenSource _stopping = new();
    private EpollLoop[] _loops = [];
    private IdleSweep? _idleSweep;
    private long _nextId;
    private long _nextLoop;
    private readonly ClientSlots _slots;
    private int _disposed;

    public EpollListener(ServerOptions options, ISessionFactory sessions, ServerStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(statistics);
        Options = options;
        Sessions = sessions;
        Statistics = statistics;
        _slots = new ClientSlots(options, statistics);
    }

    /// <summary>epoll exists on Linux only; elsewhere callers use <see cref="ConnectionListener"/>.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    public ServerOptions Options { get; }

    public ISessionFactory Sessions { get; }

    public ServerStatistics Statistics { get; }

    public IReadOnlyList<EndPoint> BoundEndpoints => _bound;

    public IReadOnlyCollection<ConnectionContext> Connections => _connections.Values.Select(c => c.Context).ToArray();

    public int ClientLimit => _slots.Limit;

    /// <summary>Event-loop threads running (after <see cref="Start"/>).</summary>
    public int LoopCount => _loops.Length;

    internal bool HasFreeSlot => _slots.HasFree;

    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (!IsSupported)
        {
            throw new PlatformNotSupportedException("The epoll transport needs Linux.");
        }

        var loops = new List<EpollLoop>();
        try
        {
            Bind();
            int count = Math.Clamp(Options.EventLoopThreads, 1, Environment.ProcessorCount);
            for (int i = 0; i < count; i++)
            {
                loops.Add(new EpollLoop(this, i));
            }

            var acceptor = new EpollAcceptor(this, loops[0], _listeners);
            acceptor.Watch();
            loops[0].Acceptor = acceptor;
        }
        catch
        {
            loops.ForEach(l => l.Dispose());
            foreach (var socket in _listeners)
            {
                socket.Dispose();
            }

            _listeners.Clear();
            _bound.Clear();
            throw;
        }

        _loops = [.. loops];

        // memcached counts each listening connection in total_connections and connection_structures.
        Interlocked.Add(ref Statistics.TotalConnections, _listeners.Count);
        Interlocked.Exchange(ref Statistics.ConnectionStructures, _listeners.Count);
        _slots.ListenerCount = _listeners.Count;
        Interlocked.Exchange(ref Statistics.MaxConnections, Options.MaxConnections);
        foreach (var loop in _loops)
        {
            loop.Start();
        }

        _idleSweep = IdleSweep.StartIfEnabled(Options, Statistics, () => _connections.Values);
    }

    private void Bind()
    {
        foreach (var endpoint in Options.TcpEndpoints)
        {
            var socket = ListeningSockets.BindTcp(endpoint, Options.Backlog);
            _listeners.Add(socket);
            _bound.Add(socket.LocalEndPoint!);
        }

        if (Options.UnixSocketPath is { } path)
        {
            _listeners.Add(ListeningSockets.BindUnix(path, Options.UnixSocketMask, Options.Backlog));
            _bound.Add(new UnixDomainSocketEndPoint(path));
        }

        foreach (var socket in _listeners)
        {
            // accept4 until EAGAIN must never block loop 0.
            socket.Blocking = false;
        }
    }

    /// <summary>On loop 0: takes an accepted descriptor, or rejects it over the limit. Never leaks the descriptor.</summary>
    internal void Admit(int fd, bool isUnix)
    {
        // The Socket only owns the descriptor (close, NoDelay, endpoints); I/O goes through the loop's recv/send.
        var handle = new SafeSocketHandle(fd, ownsHandle: true);
        Socket client;
        try
        {
            client = new Socket(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        if (!_slots.TryTake())
        {
            Reject(client, fd);
            return;
        }

        try
        {
            Start(client, fd, isUnix);
        }
        catch
        {
            _slots.Release();
            client.Dispose();
            throw;
        }
    }

    private void Start(Socket client, int fd, bool isUnix)
    {
        if (!isUnix)
        {
            client.NoDelay = true;
        }

        long id = Interlocked.Increment(ref _nextId);
        var context = ConnectionContext.ForAccepted(client, id, isUnix ? Options.UnixSocketPath ?? "" : null);

        var session = Sessions.CreateSession(context);
        var loop = _loops[(int)(_nextLoop++ % _loops.Length)];
        var connection = new EpollConnection(loop, client, fd, context, session, Options, Statistics, _stopping.Token);
        _connections[id] = connection;
        Interlocked.Increment(ref Statistics.CurrConnections);
        Interlocked.Increment(ref Statistics.TotalConnections);
        if (Options.Verbosity > 1)
        {
            Console.Error.WriteLine($"<{id} new auto-negotiating client connection");
        }

        loop.Adopt(connection);
    }

    private unsafe void Reject(Socket client, int fd)
    {
        Interlocked.Increment(ref Statistics.RejectedConnections);
        if (Options.MaxConnectionsFast)
        {
            // A fresh socket's send buffer is empty, so this never comes back short; if the client left, it fails quietly.
            fixed (byte* reply = TooManyConnections)
            {
                _ = LibC.send(fd, reply, TooManyConnections.Length, LibC.MSG_NOSIGNAL);
            }
        }

        client.Dispose();
    }

    /// <summary>On the connection's loop thread, after its descriptor and session are released.</summary>
    internal void OnConnectionClosed(EpollConnection connection)
    {
        if (!_connections.TryRemove(connection.Context.Id, out _))
        {
            return;
        }

        if (connection.Drained is { } drained)
        {
            _draining.Add(drained);
        }

        Interlocked.Decrement(ref Statistics.CurrConnections);
        _slots.Release();
        if (Options.Verbosity > 1)
        {
            Console.Error.WriteLine($"<{connection.Context.Id} connection closed.");
        }
    }

    /// <summary>
    /// Stops accepting, closes every connection and returns once no loop thread runs and no session is running:
    /// after it completes, no session is ever called again.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_idleSweep is not null)
        {
            await _idleSweep.DisposeAsync().ConfigureAwait(false);
        }

        // All loops at once, so clients see every connection close together (loop 0 closes the listeners first).
        // A client loop 0 hands to a loop that already quit stays in that loop's queue: CloseLeftoversAsync gets it.
        foreach (var loop in _loops)
        {
            loop.Stop();
        }

        await Task.WhenAll(_loops.Select(l => l.Completion)).ConfigureAwait(false);
        await CloseLeftoversAsync().ConfigureAwait(false);
        foreach (var loop in _loops)
        {
            loop.Dispose();
        }

        foreach (var socket in _listeners)
        {
            socket.Dispose();
        }

        ListeningSockets.RemoveUnixSocketFile(Options, _bound);

        _stopping.Dispose();
    }

    /// <summary>
    /// Connections handed to a loop that had already quit (still in its command queue), and sessions that were still
    /// running when their connection closed (awaited, so none runs after disposal).
    /// </summary>
    private async Task CloseLeftoversAsync()
    {
        // Every loop thread is gone, so this thread is now the only one touching their connections.
        foreach (var loop in _loops)
        {
            loop.DrainCommands();
        }

        foreach (var connection in _connections.Values)
        {
            connection.Loop.Close(connection);
        }

        await Task.WhenAll(_draining).ConfigureAwait(false);
    }
}
