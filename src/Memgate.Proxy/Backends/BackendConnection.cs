using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Memgate.Proxy.Configuration;

namespace Memgate.Proxy.Backends;

/// <summary>
/// One pipelined text-protocol connection to a memcached server. Any number of requests may be
/// in flight; replies are matched to requests in FIFO order, which memcached guarantees on one
/// connection. Connects lazily and again after a reset.
/// </summary>
/// <remarks>
/// Requests are pre-formatted bytes. Concurrent senders append to one write batch; the sender that
/// finds no write in progress becomes the writer and sends it (inside a <see cref="SendCork"/>, at the
/// end of the client's batch) with one syscall; a single reader frames replies with <see cref="ReplyFramer"/>
/// and completes the oldest request. A request without a complete reply by its deadline fails
/// with <see cref="BackendStatus.Timeout"/>, and the connection is reset: once one reply is
/// missing, the order of later replies is unknown, so everything in flight fails with
/// <see cref="BackendStatus.ConnectionLost"/>. No request waits longer than the request timeout
/// (plus timer latency).
/// </remarks>
public sealed class BackendConnection : IAsyncDisposable
{
    private const int InitialReadBuffer = 16 * 1024;

    private readonly ServerEndpoint _endpoint;
    private readonly TimeSpan _connectTimeout;
    private readonly TimeSpan _requestTimeout;
    private readonly long _requestTimeoutTicks;
    private readonly IBackendObserver? _observer;
    private readonly Lock _lock = new();
    private readonly Queue<PendingRequest> _inflight = new();
    private readonly Timer _timer;
    private BackendSession? _session;
    private bool _timerArmed;
    private bool _disposed;

    /// <summary>Creates a connection; no socket is opened until the first request.</summary>
    public BackendConnection(ServerEndpoint endpoint, TimeSpan connectTimeout, TimeSpan requestTimeout, IBackendObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _endpoint = endpoint;
        _connectTimeout = connectTimeout;
        _requestTimeout = requestTimeout;
        _requestTimeoutTicks = (long)(requestTimeout.TotalSeconds * Stopwatch.Frequency);
        _observer = observer;
        _timer = new Timer(static state => ((BackendConnection)state!).OnTimer(), this, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>The server this connection talks to.</summary>
    public ServerEndpoint Endpoint => _endpoint;

    /// <summary>Requests sent or queued and not yet answered.</summary>
    public int InFlight
    {
        get
        {
            lock (_lock)
            {
                return _inflight.Count;
            }
        }
    }

    /// <summary>
    /// Sends one request (complete bytes, e.g. "get k\r\n") and returns its reply. Never throws for
    /// backend trouble: failures come back as a <see cref="BackendReply"/> status. The request bytes
    /// are copied before this returns, so the caller may reuse its buffer.
    /// </summary>
    public ValueTask<BackendReply> SendAsync(ReadOnlyMemory<byte> request, ReplyKind kind)
    {
        PendingRequest pending = PendingRequest.Rent(kind, Stopwatch.GetTimestamp(), _requestTimeoutTicks);
        BackendSession session;
        bool connect = false;
        bool write;
        lock (_lock)
        {
            if (_disposed)
            {
                pending.Complete(BackendReply.Failed(BackendStatus.Disposed));
                return pending.Task;
            }

            if (_session is null)
            {
                _session = new BackendSession(new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true });
                connect = true;
            }

            session = _session;
            if (!_timerArmed)
            {
                // Armed once, not per request: the callback re-arms itself for the new head's deadline.
                _timerArmed = true;
                _timer.Change(_requestTimeout, Timeout.InfiniteTimeSpan);
            }

            // Requests on the wire whose replies are still to come: the reader flushes the batch when
            // it has read them, so requests of many clients that arrive meanwhile leave in one write
            // (self-clocking, like Nagle's algorithm, but never waiting on a timer).
            bool awaitingReplies = _inflight.Count > session.QueuedRequests;
            _inflight.Enqueue(pending);
            write = session.Connected && !session.Writing && !awaitingReplies;
            session.Append(request.Span);
        }

        if (connect)
        {
            _ = ConnectAsync(session);
        }
        else if (write)
        {
            if (SendCork.IsActive)
            {
                SendCork.Defer(this);
            }
            else
            {
                Flush();
            }
        }

        return pending.Task;
    }

    /// <summary>
    /// Writes the batch on the calling thread unless a writer is already busy (it then picks the bytes
    /// up itself): no writer task to wake and no thread hop per request.
    /// </summary>
    internal void Flush()
    {
        BackendSession? session;
        ReadOnlyMemory<byte> batch;
        lock (_lock)
        {
            session = _session;
            if (session is null || !session.Connected || session.Writing || session.OutgoingLength == 0)
            {
                return;
            }

            session.Writing = true;
            batch = session.TakeOutgoing();
        }

        WriteBatches(session, batch);
    }

    /// <summary>Fails everything in flight and closes the socket.</summary>
    public ValueTask DisposeAsync()
    {
        BackendSession? session;
        lock (_lock)
        {
            _disposed = true;
            session = _session;
        }

        if (session is not null)
        {
            Reset(session, BackendStatus.Disposed, notify: null);
        }

        _timer.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task ConnectAsync(BackendSession session)
    {
        try
        {
            using var cts = new CancellationTokenSource(_connectTimeout);
            if (IPAddress.TryParse(_endpoint.Host, out IPAddress? address))
            {
                await session.Socket.ConnectAsync(new IPEndPoint(address, _endpoint.Port), cts.Token).ConfigureAwait(false);
            }
            else
            {
                await session.Socket.ConnectAsync(_endpoint.Host, _endpoint.Port, cts.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            Reset(session, BackendStatus.ConnectFailed, static o => o.OnConnectFailed());
            return;
        }

        lock (_lock)
        {
            if (_session != session)
            {
                session.Socket.Dispose();
                return;
            }

            session.Connected = true;
        }

        _ = ReadLoopAsync(session);
        Flush();
    }

    // The writer's loop: sends until the batch is empty. Synchronous while the socket takes the bytes
    // at once (the usual case); continues asynchronously only when the send buffer is full.
    private void WriteBatches(BackendSession session, ReadOnlyMemory<byte> batch)
    {
        try
        {
            while (true)
            {
                while (!batch.IsEmpty)
                {
                    ValueTask<int> send = session.Socket.SendAsync(batch, SocketFlags.None);
                    if (!send.IsCompleted)
                    {
                        _ = ContinueWritingAsync(session, send, batch);
                        return;
                    }

                    batch = batch[send.GetAwaiter().GetResult()..];
                }

                lock (_lock)
                {
                    if (_session != session || session.OutgoingLength == 0)
                    {
                        session.Writing = false;
                        return;
                    }

                    batch = session.TakeOutgoing();
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            Reset(session, BackendStatus.ConnectionLost, static o => o.OnConnectionLost());
        }
    }

    private async Task ContinueWritingAsync(BackendSession session, ValueTask<int> send, ReadOnlyMemory<byte> batch)
    {
        try
        {
            int sent = await send.ConfigureAwait(false);
            batch = batch[sent..];
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            Reset(session, BackendStatus.ConnectionLost, static o => o.OnConnectionLost());
            return;
        }

        WriteBatches(session, batch);
    }

    private async Task ReadLoopAsync(BackendSession session)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(InitialReadBuffer);
        int start = 0;
        int end = 0;
        try
        {
            while (true)
            {
                if (end == buffer.Length)
                {
                    buffer = MakeRoom(buffer, ref start, ref end);
                }

                int received = await session.Socket.ReceiveAsync(buffer.AsMemory(end), SocketFlags.None).ConfigureAwait(false);
                if (received == 0)
                {
                    Reset(session, BackendStatus.ConnectionLost, static o => o.OnConnectionLost());
                    return;
                }

                end += received;
                if (!DeliverReplies(session, buffer, ref start, end))
                {
                    return;
                }

                // Requests held back while these replies were outstanding go now, together.
                Flush();

                if (start == end)
                {
                    start = end = 0;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            Reset(session, BackendStatus.ConnectionLost, static o => o.OnConnectionLost());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Completes every whole reply in buffer[start..end]; false when the session is finished.
    private bool DeliverReplies(BackendSession session, byte[] buffer, ref int start, int end)
    {
        while (start < end)
        {
            PendingRequest? head;
            lock (_lock)
            {
                if (_session != session)
                {
                    return false;
                }

                head = _inflight.Count > 0 ? _inflight.Peek() : null;
            }

            int length = head is null ? ReplyFramer.Malformed : ReplyFramer.FindEnd(buffer.AsSpan(start, end - start), head.Kind);
            if (length == ReplyFramer.NeedMore)
            {
                return true;
            }

            if (length == ReplyFramer.Malformed)
            {
                // Unsolicited or unparseable bytes: the FIFO pairing cannot be trusted any more.
                Reset(session, BackendStatus.ProtocolError, static o => o.OnConnectionLost());
                return false;
            }

            byte[] reply = ArrayPool<byte>.Shared.Rent(length);
            buffer.AsSpan(start, length).CopyTo(reply);
            lock (_lock)
            {
                if (_session != session)
                {
                    ArrayPool<byte>.Shared.Return(reply);
                    return false;
                }

                _inflight.Dequeue();
            }

            PendingRequest answered = head!;
            _observer?.OnReply(Stopwatch.GetElapsedTime(answered.StartedAt));
            answered.Complete(new BackendReply(BackendStatus.Ok, reply, length));
            start += length;
        }

        return true;
    }

    private static byte[] MakeRoom(byte[] buffer, ref int start, ref int end)
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
            return buffer;
        }

        // A reply larger than the buffer (big values): grow, keeping what was read.
        byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        Buffer.BlockCopy(buffer, 0, larger, 0, end);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }

    private void OnTimer()
    {
        BackendSession? expired = null;
        lock (_lock)
        {
            if (_inflight.Count == 0)
            {
                _timerArmed = false;
                return;
            }

            long remaining = _inflight.Peek().Deadline - Stopwatch.GetTimestamp();
            if (remaining > 0)
            {
                // The head was answered since the timer was set; wait for the new head's deadline.
                _timer.Change(TimeSpan.FromSeconds((double)remaining / Stopwatch.Frequency) + TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
                return;
            }

            expired = _session;
        }

        if (expired is not null)
        {
            Reset(expired, BackendStatus.Timeout, static o => o.OnTimeout());
        }
    }

    // Ends a session: the oldest request gets headStatus, the rest ConnectionLost (or ConnectFailed
    // when no connection was ever made, so nothing was sent and a retry elsewhere is safe).
    private void Reset(BackendSession session, BackendStatus headStatus, Action<IBackendObserver>? notify)
    {
        PendingRequest[] failed;
        lock (_lock)
        {
            if (_session != session)
            {
                return;
            }

            _session = null;
            failed = _inflight.ToArray();
            _inflight.Clear();
            _timerArmed = false;
            _timer.Change(Timeout.Infinite, Timeout.Infinite);
        }

        session.Close();
        if (notify is not null && _observer is not null)
        {
            notify(_observer);
        }

        BackendStatus restStatus = headStatus is BackendStatus.ConnectFailed or BackendStatus.Disposed ? headStatus : BackendStatus.ConnectionLost;
        for (int i = 0; i < failed.Length; i++)
        {
            failed[i].Complete(BackendReply.Failed(i == 0 ? headStatus : restStatus));
        }
    }
}
