using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Memgate.Proxy.Configuration;
using Memgate.Server.Epoll;

namespace Memgate.Proxy.Backends;

/// <summary>
/// One pipelined text-protocol connection to a backend that lives on one epoll loop of the proxy, used by that
/// loop's client sessions only: no lock, no thread hop. Requests are appended to an output buffer and written at
/// the end of the loop's round, so every request the round's clients made for this backend leaves in one send;
/// replies are framed from one recv and complete their requests inline, which resumes the routes and sessions
/// on the loop thread. Deadlines are checked by the loop's ticker. get/gets requests queued back to back are
/// merged into one backend request (<see cref="GetMerger"/>): the backend parses one line and sends one reply for
/// the keys of many clients.
/// </summary>
/// <remarks>
/// Same contract as <see cref="BackendConnection"/> (which serves callers off the loops: probes, repairs): replies
/// pair with requests in FIFO order; the oldest request without a reply by its deadline fails with
/// <see cref="BackendStatus.Timeout"/>, and the connection is reset, failing the rest with
/// <see cref="BackendStatus.ConnectionLost"/> (<see cref="BackendStatus.ConnectFailed"/> when no connection was
/// made, so nothing was sent). Connects lazily and again after a reset, without blocking the loop.
/// </remarks>
internal sealed class LoopBackendConnection : ILoopResident, ILoopRoundEnd, ILoopTicker
{
    private const int InitialReadBuffer = 16 * 1024;

    private readonly LoopScheduler _loop;
    private readonly ServerEndpoint _endpoint;
    private readonly long _connectTimeoutTicks;
    private readonly long _requestTimeoutTicks;
    private readonly IBackendObserver? _observer;
    private readonly Queue<PendingRequest> _inflight = new();
    private readonly BackendOutput _output = new();
    private readonly GetMerger _merger = new();
    private byte[] _input = ArrayPool<byte>.Shared.Rent(InitialReadBuffer);
    private int _inputStart;
    private int _inputEnd;
    private Socket? _socket;
    private int _fd = -1;
    private LinkState _state;
    private long _connectDeadline;
    private int _generation;
    private bool _roundEndScheduled;
    private bool _ticking;
    private bool _watchingWritable;
    private bool _disposed;
    /// <summary>Requests queued or merged and not answered; written on the loop thread only, read by stats.</summary>
    private volatile int _inFlightCount;

    public LoopBackendConnection(LoopScheduler loop, ServerEndpoint endpoint, TimeSpan connectTimeout, TimeSpan requestTimeout, IBackendObserver? observer)
    {
        _loop = loop;
        _endpoint = endpoint;
        _connectTimeoutTicks = (long)(connectTimeout.TotalSeconds * Stopwatch.Frequency);
        _requestTimeoutTicks = (long)(requestTimeout.TotalSeconds * Stopwatch.Frequency);
        _observer = observer;
    }

    private enum LinkState : byte
    {
        /// <summary>No socket; the next request (at round end) connects.</summary>
        Idle,
        /// <summary>Looking up a host name off the loop.</summary>
        Resolving,
        /// <summary>Non-blocking connect under way; waiting for writability.</summary>
        Connecting,
        Connected,
    }

    public LoopScheduler Loop => _loop;

    /// <summary>Requests sent or queued and not yet answered (read from any thread, for stats).</summary>
    public int InFlight => _inFlightCount;

    /// <summary>get/gets requests that joined another's backend request instead of sending their own.</summary>
    public long MergedRequests => _merger.Merged;

    /// <summary>Queues one request (loop thread only); its bytes are copied before this returns.</summary>
    public ValueTask<BackendReply> SendAsync(ReadOnlySpan<byte> request, ReplyKind kind)
    {
        PendingRequest pending = PendingRequest.Rent(kind, Stopwatch.GetTimestamp(), _requestTimeoutTicks);
        if (_disposed)
        {
            pending.Complete(BackendReply.Failed(BackendStatus.Disposed));
            return pending.Task;
        }

        _inFlightCount++;
        if (_merger.TryJoin(_output, pending, request, kind))
        {
            return pending.Task;
        }

        _inflight.Enqueue(pending);
        _output.Append(request);
        if (!_ticking)
        {
            _ticking = true;
            _loop.StartTicking(this);
        }

        // Connecting and writing both wait for the round's end: failures then complete requests from the top of
        // the loop, never from inside the route that is sending.
        if (!_roundEndScheduled && _state is LinkState.Idle or LinkState.Connected)
        {
            _roundEndScheduled = true;
            _loop.AtRoundEnd(this);
        }

        return pending.Task;
    }

    public void OnRoundEnd()
    {
        _roundEndScheduled = false;
        if (_state == LinkState.Connected)
        {
            Flush();
        }
        else if (_state == LinkState.Idle && _inflight.Count > 0 && !_disposed)
        {
            StartConnect();
        }
    }

    public void OnEvents(uint events)
    {
        if (_state == LinkState.Connecting)
        {
            FinishConnect();
            return;
        }

        if (_state != LinkState.Connected)
        {
            return;
        }

        int generation = _generation;
        if ((events & LoopScheduler.Writable) != 0)
        {
            Flush();
        }

        if (generation == _generation && (events & (LoopScheduler.Readable | LoopScheduler.Error | LoopScheduler.HangUp)) != 0)
        {
            Receive();
        }
    }

    public bool OnTick(long nowTimestamp)
    {
        if (_state is LinkState.Resolving or LinkState.Connecting)
        {
            if (nowTimestamp > _connectDeadline)
            {
                Reset(BackendStatus.ConnectFailed, static o => o.OnConnectFailed());
            }
        }
        else if (_state == LinkState.Connected && _inflight.TryPeek(out PendingRequest? head) && nowTimestamp > head.Deadline)
        {
            Reset(BackendStatus.Timeout, static o => o.OnTimeout());
        }

        // Requests completed by a reset may have queued new ones (a route failing over); keep ticking for them.
        _ticking = _inflight.Count > 0 || _state is LinkState.Resolving or LinkState.Connecting;
        return _ticking;
    }

    public void OnLoopStopping()
    {
        _disposed = true;
        Reset(BackendStatus.Disposed, notify: null);
        ArrayPool<byte>.Shared.Return(_input);
        _input = [];
    }

    /// <summary>From any thread: closes the connection on its loop (a stopped loop has closed it already).</summary>
    public void Dispose()
    {
        if (_loop.IsRunning)
        {
            _loop.Post(static state => ((LoopBackendConnection)state!).Close(), this);
        }
    }

    private void Close()
    {
        if (!_disposed)
        {
            _disposed = true;
            Reset(BackendStatus.Disposed, notify: null);
        }
    }

    private void StartConnect()
    {
        _connectDeadline = Stopwatch.GetTimestamp() + _connectTimeoutTicks;
        if (IPAddress.TryParse(_endpoint.Host, out IPAddress? address))
        {
            ConnectTo(address);
            return;
        }

        _state = LinkState.Resolving;
        _ = ResolveAsync(_generation);
    }

    private async Task ResolveAsync(int generation)
    {
        IPAddress[]? addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(_endpoint.Host).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            addresses = null;
        }

        _loop.Post(static state => ((Resolution)state!).Apply(), new Resolution(this, generation, addresses));
    }

    private void OnResolved(int generation, IPAddress[]? addresses)
    {
        if (generation != _generation || _state != LinkState.Resolving)
        {
            return;
        }

        if (addresses is not { Length: > 0 })
        {
            Reset(BackendStatus.ConnectFailed, static o => o.OnConnectFailed());
            return;
        }

        ConnectTo(addresses[0]);
    }

    private void ConnectTo(IPAddress address)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, Blocking = false };
        try
        {
            socket.Connect(new IPEndPoint(address, _endpoint.Port));
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            // The usual non-blocking case: the loop reports writability when the handshake is done.
        }
        catch (SocketException)
        {
            socket.Dispose();
            Reset(BackendStatus.ConnectFailed, static o => o.OnConnectFailed());
            return;
        }

        _socket = socket;
        _fd = (int)socket.Handle;
        _state = LinkState.Connecting;
        if (!_loop.Watch(_fd, this, LoopScheduler.Readable | LoopScheduler.Writable))
        {
            Reset(BackendStatus.ConnectFailed, static o => o.OnConnectFailed());
        }
    }

    private void FinishConnect()
    {
        int error = (int)_socket!.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
        if (error != 0)
        {
            Reset(BackendStatus.ConnectFailed, static o => o.OnConnectFailed());
            return;
        }

        _state = LinkState.Connected;
        _watchingWritable = true;
        Flush();
    }

    private unsafe void Flush()
    {
        // Bytes handed to the socket (even partly) can no longer be extended.
        _merger.Seal();
        while (_output.Pending > 0)
        {
            nint sent;
            fixed (byte* bytes = _output.PendingSpan)
            {
                sent = LibC.send(_fd, bytes, _output.Pending, LibC.MSG_NOSIGNAL);
            }

            if (sent < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == LibC.EINTR)
                {
                    continue;
                }

                if (errno == LibC.EAGAIN)
                {
                    Watch(writable: true);
                    return;
                }

                Reset(BackendStatus.ConnectionLost, static o => o.OnConnectionLost());
                return;
            }

            _output.Advance((int)sent);
        }

        Watch(writable: false);
    }

    private void Watch(bool writable)
    {
        if (_watchingWritable != writable)
        {
            _watchingWritable = writable;
            _ = _loop.Rewatch(_fd, writable ? LoopScheduler.Readable | LoopScheduler.Writable : LoopScheduler.Readable);
        }
    }

    private unsafe void Receive()
    {
        if (_inputEnd == _input.Length)
        {
            MakeRoom();
        }

        nint received;
        fixed (byte* buffer = &_input[_inputEnd])
        {
            received = LibC.recv(_fd, buffer, _input.Length - _inputEnd, 0);
        }

        if (received > 0)
        {
            _inputEnd += (int)received;
            DeliverReplies();
        }
        else if (received == 0 || Marshal.GetLastPInvokeError() is not (LibC.EAGAIN or LibC.EINTR))
        {
            Reset(BackendStatus.ConnectionLost, static o => o.OnConnectionLost());
        }
    }

    /// <summary>Completes every whole reply received; each completion runs its route inline, which may send again or reset.</summary>
    private void DeliverReplies()
    {
        int generation = _generation;
        while (_inputStart < _inputEnd)
        {
            if (!_inflight.TryPeek(out PendingRequest? head))
            {
                // Unsolicited bytes: the FIFO pairing cannot be trusted any more.
                Reset(BackendStatus.ProtocolError, static o => o.OnConnectionLost());
                return;
            }

            int length = ReplyFramer.FindEnd(_input.AsSpan(_inputStart, _inputEnd - _inputStart), head.Kind);
            if (length == ReplyFramer.NeedMore)
            {
                break;
            }

            if (length == ReplyFramer.Malformed)
            {
                Reset(BackendStatus.ProtocolError, static o => o.OnConnectionLost());
                return;
            }

            _inflight.Dequeue();
            _observer?.OnReply(Stopwatch.GetElapsedTime(head.StartedAt));
            ReadOnlySpan<byte> bytes = _input.AsSpan(_inputStart, length);
            _inputStart += length;
            if (head.Group is { } group)
            {
                _inFlightCount -= group.Count;
                bool matched = group.Complete(bytes);
                _merger.Recycle(group);
                if (!matched && generation == _generation)
                {
                    Reset(BackendStatus.ProtocolError, static o => o.OnConnectionLost());
                    return;
                }
            }
            else
            {
                _inFlightCount--;
                byte[] reply = ArrayPool<byte>.Shared.Rent(length);
                bytes.CopyTo(reply);
                head.Complete(new BackendReply(BackendStatus.Ok, reply, length));
            }

            if (generation != _generation)
            {
                return;
            }
        }

        if (_inputStart == _inputEnd)
        {
            _inputStart = _inputEnd = 0;
        }
    }

    private void MakeRoom()
    {
        int length = _inputEnd - _inputStart;
        if (_inputStart > 0)
        {
            Buffer.BlockCopy(_input, _inputStart, _input, 0, length);
        }
        else
        {
            // A reply larger than the buffer (big values): grow, keeping what was read.
            byte[] larger = ArrayPool<byte>.Shared.Rent(_input.Length * 2);
            Buffer.BlockCopy(_input, 0, larger, 0, length);
            ArrayPool<byte>.Shared.Return(_input);
            _input = larger;
        }

        _inputStart = 0;
        _inputEnd = length;
    }

    /// <summary>
    /// Ends the socket's life: the oldest request gets <paramref name="headStatus"/>, the rest ConnectionLost (or the
    /// same status when nothing can have been sent). The connection is Idle again, ready to reconnect.
    /// </summary>
    private void Reset(BackendStatus headStatus, Action<IBackendObserver>? notify)
    {
        _generation++;
        if (_fd >= 0)
        {
            _loop.Unwatch(_fd);
            _fd = -1;
        }

        _socket?.Dispose();
        _socket = null;
        _state = LinkState.Idle;
        _watchingWritable = false;
        _output.Clear();
        _merger.Seal();
        _inputStart = _inputEnd = 0;
        PendingRequest[] failed = [.. _inflight];
        _inflight.Clear();
        _inFlightCount = 0;
        if (notify is not null && _observer is not null)
        {
            notify(_observer);
        }

        BackendStatus restStatus = headStatus is BackendStatus.ConnectFailed or BackendStatus.Disposed ? headStatus : BackendStatus.ConnectionLost;
        for (int i = 0; i < failed.Length; i++)
        {
            BackendStatus status = i == 0 ? headStatus : restStatus;
            if (failed[i].Group is { } group)
            {
                // Every caller of a merged get shares its fate; only the first counts as the head.
                failed[i].Group = null;
                group.Fail(status, restStatus);
                _merger.Recycle(group);
            }
            else
            {
                failed[i].Complete(BackendReply.Failed(status));
            }
        }
    }

    private sealed record Resolution(LoopBackendConnection Connection, int Generation, IPAddress[]? Addresses)
    {
        public void Apply() => Connection.OnResolved(Generation, Addresses);
    }
}
