using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Memgate.Server;

/// <summary>
/// Accepts clients on every configured TCP endpoint and unix socket and runs one connection loop per client
/// (receive → session.ProcessAsync → one send), enforcing maxconns and idle_timeout.
/// </summary>
/// <remarks>
/// Threading: each connection is an async loop over ValueTask socket calls, and the session runs inline on the
/// thread that completed the receive. On Linux that thread is a thread-pool worker fed by the epoll thread, or
/// the epoll thread itself when DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 (the CLI sets it for `memgate
/// node`, whose sessions never block; see Memgate.Cli/SocketRuntimeTuning.cs for the measurement).
/// Either way there is at most one hop per receive batch, never one per request.
/// </remarks>
public sealed class ConnectionListener : IConnectionListener
{
    private static readonly byte[] TooManyConnections = Encoding.ASCII.GetBytes("ERROR Too many open connections\r\n");

    private readonly List<Socket> _listeners = [];
    private readonly List<EndPoint> _bound = [];
    private readonly List<Task> _acceptLoops = [];
    private readonly ConcurrentDictionary<long, ClientConnection> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private IdleSweep? _idleSweep;
    private long _nextId;
    private readonly ClientSlots _slots;
    private int _disposed;

    public ConnectionListener(ServerOptions options, ISessionFactory sessions, ServerStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(statistics);
        Options = options;
        Sessions = sessions;
        Statistics = statistics;
        _slots = new ClientSlots(options, statistics);
    }

    public ServerOptions Options { get; }

    public ISessionFactory Sessions { get; }

    public ServerStatistics Statistics { get; }

    public IReadOnlyList<EndPoint> BoundEndpoints => _bound;

    public IReadOnlyCollection<ConnectionContext> Connections => _connections.Values.Select(c => c.Context).ToArray();

    public int ClientLimit => _slots.Limit;

    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        try
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
        }
        catch
        {
            foreach (var socket in _listeners)
            {
                socket.Dispose();
            }

            _listeners.Clear();
            _bound.Clear();
            throw;
        }

        // memcached counts each listening connection in total_connections and connection_structures.
        Interlocked.Add(ref Statistics.TotalConnections, _listeners.Count);
        Interlocked.Exchange(ref Statistics.ConnectionStructures, _listeners.Count);
        _slots.ListenerCount = _listeners.Count;
        Interlocked.Exchange(ref Statistics.MaxConnections, Options.MaxConnections);

        foreach (var socket in _listeners)
        {
            _acceptLoops.Add(AcceptLoopAsync(socket));
        }

        _idleSweep = IdleSweep.StartIfEnabled(Options, Statistics, () => _connections.Values);
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        bool isUnix = listener.AddressFamily == AddressFamily.Unix;
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                if (!Options.MaxConnectionsFast)
                {
                    await WaitForFreeSlotAsync().ConfigureAwait(false);
                }

                client = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // Out of descriptors or an aborted handshake: memcached keeps listening; back off briefly.
                await Task.Delay(10).ConfigureAwait(false);
                continue;
            }

            try
            {
                Admit(client, isUnix);
            }
            catch (Exception)
            {
                // A session factory failing for one client must not stop the listener.
                client.Dispose();
            }
        }
    }

    /// <summary>Without maxconns_fast memcached stops accepting and re-checks every 10 ms (maxconns_handler).</summary>
    private async Task WaitForFreeSlotAsync()
    {
        if (_slots.HasFree)
        {
            return;
        }

        Interlocked.Increment(ref Statistics.ListenDisabledNum);
        while (!_slots.HasFree && !_stopping.IsCancellationRequested)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    private void Admit(Socket client, bool isUnix)
    {
        if (!_slots.TryTake())
        {
            Reject(client);
            return;
        }

        if (!isUnix)
        {
            client.NoDelay = true;
        }

        long id = Interlocked.Increment(ref _nextId);
        var context = ConnectionContext.ForAccepted(client, id, isUnix ? Options.UnixSocketPath ?? "" : null);

        IProtocolSession session;
        try
        {
            session = Sessions.CreateSession(context);
        }
        catch
        {
            _slots.Release();
            throw;
        }

        var connection = new ClientConnection(client, context, session, Options, Statistics, _stopping.Token);
        _connections[id] = connection;
        Interlocked.Increment(ref Statistics.CurrConnections);
        Interlocked.Increment(ref Statistics.TotalConnections);
        if (Options.Verbosity > 1)
        {
            Console.Error.WriteLine($"<{id} new auto-negotiating client connection");
        }

        // One hop per connection (not per request) so a client with data already waiting does not delay accept.
        ThreadPool.UnsafeQueueUserWorkItem(static state => state.listener.RunConnection(state.connection), (listener: this, connection), preferLocal: false);
    }

    private void Reject(Socket client)
    {
        Interlocked.Increment(ref Statistics.RejectedConnections);
        if (Options.MaxConnectionsFast)
        {
            try
            {
                // A fresh socket's send buffer is empty, so this tiny blocking send cannot stall the accept loop.
                client.Send(TooManyConnections);
            }
            catch (SocketException)
            {
                // The client already left.
            }
        }

        client.Dispose();
    }

    private async void RunConnection(ClientConnection connection)
    {
        // RunAsync never throws; async void only so the thread-pool callback needs no Task bookkeeping.
        await connection.RunAsync().ConfigureAwait(false);
        _connections.TryRemove(connection.Context.Id, out _);
        Interlocked.Decrement(ref Statistics.CurrConnections);
        _slots.Release();
        if (Options.Verbosity > 1)
        {
            Console.Error.WriteLine($"<{connection.Context.Id} connection closed.");
        }
    }

    /// <summary>Stops accepting and closes every connection.</summary>
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

        foreach (var socket in _listeners)
        {
            socket.Dispose();
        }

        await Task.WhenAll(_acceptLoops).ConfigureAwait(false);
        foreach (var connection in _connections.Values)
        {
            connection.Abort();
        }

        // Let the aborted loops finish before the token they hold is disposed.
        for (int i = 0; i < 200 && !_connections.IsEmpty; i++)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }

        ListeningSockets.RemoveUnixSocketFile(Options, _bound);

        _stopping.Dispose();
    }
}
