using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Memgate.Server;

/// <summary>
/// One client: receive into a reusable buffer, let the session process everything complete, send all replies of
/// the batch with one send. Runs inline on whichever thread completed the receive — no per-request hop to the
/// thread pool and no per-request allocation (ValueTask socket calls complete on pooled event args).
/// </summary>
/// <remarks>
/// The receive is awaited directly in <see cref="RunAsync"/>, not in a helper async method: an async method that
/// suspends boxes its state machine, and a receive suspends on almost every unpipelined request (~110 B each).
/// RunAsync's own box is allocated once per connection and reused by every await.
/// </remarks>
internal sealed class ClientConnection : IIdleConnection
{
    private readonly Socket _socket;
    private readonly IProtocolSession _session;
    private readonly ServerStatistics _statistics;
    private readonly ReceiveBuffer _input;
    private readonly OutputBuffer _output;
    private readonly CancellationToken _stopping;
    private long _lastActivity;
    private int _processing;
    private int _aborted;

    public ClientConnection(Socket socket, ConnectionContext context, IProtocolSession session, ServerOptions options, ServerStatistics statistics, CancellationToken stopping)
    {
        _socket = socket;
        Context = context;
        _session = session;
        _statistics = statistics;
        _stopping = stopping;
        _input = new ReceiveBuffer(options.ReceiveBufferSize);
        _output = new OutputBuffer();
        _lastActivity = Environment.TickCount64;
    }

    public ConnectionContext Context { get; }

    /// <summary>Milliseconds since the last received bytes; 0 while a request is being processed (a proxy may be waiting on a backend).</summary>
    public long IdleMilliseconds(long now) => Volatile.Read(ref _processing) != 0 ? 0 : now - Volatile.Read(ref _lastActivity);

    /// <summary>Runs the connection until the client leaves, the session closes it or it is aborted; never throws.</summary>
    public async Task RunAsync()
    {
        try
        {
            bool receive = true;
            while (true)
            {
                if (receive)
                {
                    int received = await _socket.ReceiveAsync(ReceiveSpace(), SocketFlags.None).ConfigureAwait(false);
                    if (received == 0)
                    {
                        return;
                    }

                    OnReceived(received);
                }

                Volatile.Write(ref _processing, 1);
                ProcessResult result;
                try
                {
                    result = await _session.ProcessAsync(_input.Pending, _output, _stopping).ConfigureAwait(false);
                }
                finally
                {
                    Volatile.Write(ref _lastActivity, Environment.TickCount64);
                    Volatile.Write(ref _processing, 0);
                }

                _input.Consume(result.Consumed);
                if (_output.Length > 0)
                {
                    await SendOutputAsync().ConfigureAwait(false);
                }

                switch (result.Outcome)
                {
                    case ProcessOutcome.Close:
                        return;
                    case ProcessOutcome.Yield:
                        receive = false;
                        break;
                    default:
                        if (result.MinimumInput > _input.Capacity)
                        {
                            _input.EnsureRoomFor(result.MinimumInput);
                        }

                        receive = true;
                        break;
                }
            }
        }
        catch (Exception)
        {
            // A broken socket, an abort or a failing session ends this connection only.
        }
        finally
        {
            Close();
        }
    }

    public void CloseIdle(ServerStatistics statistics)
    {
        Interlocked.Increment(ref statistics.IdleKicks);
        Abort();
    }

    /// <summary>Closes the socket from outside (idle kick, shutdown); the loop notices and cleans up.</summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _aborted, 1) == 0)
        {
            try
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception)
            {
                // Already gone.
            }

            _socket.Dispose();
        }
    }

    private Memory<byte> ReceiveSpace()
    {
        var free = _input.FreeSpace;
        if (free.IsEmpty)
        {
            // A request larger than the buffer and of unknown size: double and keep reading.
            _input.EnsureRoomFor(0);
            free = _input.FreeSpace;
        }

        return free;
    }

    private void OnReceived(int received)
    {
        _input.Commit(received);
        Interlocked.Add(ref _statistics.BytesRead, received);
        Volatile.Write(ref _lastActivity, Environment.TickCount64);
    }

    /// <summary>Sends the batch; suspends only when the socket's send buffer is full, and then reuses a pooled box.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendOutputAsync()
    {
        var pending = _output.WrittenMemory;
        while (!pending.IsEmpty)
        {
            Interlocked.Increment(ref _statistics.SendOperations);
            int sent = await _socket.SendAsync(pending, SocketFlags.None).ConfigureAwait(false);
            Interlocked.Add(ref _statistics.BytesWritten, sent);
            pending = pending[sent..];
        }

        _output.Clear();
    }

    private void Close()
    {
        Abort();
        try
        {
            _session.Dispose();
        }
        catch (Exception)
        {
            // A session failing to clean up must not take the server down.
        }

        _input.Dispose();
        _output.Dispose();
    }
}
