using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Memgate.Server.Epoll;

/// <summary>
/// One client on an <see cref="EpollLoop"/>: one recv per readiness into a reusable buffer, the session inline, all
/// replies of the batch with one send. When the send buffer is full it stops reading and waits for EPOLLOUT, so a
/// client that does not read its replies gets TCP back-pressure instead of an ever-growing output buffer.
/// </summary>
/// <remarks>
/// Everything except <see cref="RequestClose"/> and <see cref="IdleMilliseconds"/> runs on the loop thread.
/// Node sessions complete synchronously; a session that returns an incomplete ValueTask is awaited off the loop
/// (out of epoll meanwhile) and resumed on the loop when done — correct, but only sensible for rare slow requests.
/// </remarks>
internal sealed class EpollConnection
{
    private readonly EpollLoop _loop;
    private readonly Socket _socket;
    private readonly IProtocolSession _session;
    private readonly ServerStatistics _statistics;
    private readonly ReceiveBuffer _input;
    private readonly OutputBuffer _output;
    private readonly CancellationToken _stopping;
    private volatile ConnectionState _state;
    private ProcessOutcome _afterSend;
    private int _minimumInput;
    private int _sent;
    private long _lastActivity;
    private int _closeRequested;
    private ProcessResult _offLoopResult;
    private bool _offLoopFailed;

    public EpollConnection(EpollLoop loop, Socket socket, int fd, ConnectionContext context, IProtocolSession session, ServerOptions options, ServerStatistics statistics, CancellationToken stopping)
    {
        _loop = loop;
        _socket = socket;
        Fd = fd;
        Context = context;
        _session = session;
        _statistics = statistics;
        _stopping = stopping;
        _input = new ReceiveBuffer(options.ReceiveBufferSize);
        _output = new OutputBuffer();
        _lastActivity = Environment.TickCount64;
    }

    private enum ConnectionState : byte
    {
        /// <summary>Watching EPOLLIN; everything received so far that is complete has been processed.</summary>
        Reading,
        /// <summary>The session yielded with requests still buffered; runs again before the loop's next epoll_wait.</summary>
        Yielded,
        /// <summary>Output left over after EAGAIN; watching EPOLLOUT only.</summary>
        Writing,
        /// <summary>A ProcessAsync is running off the loop; not in epoll.</summary>
        Suspended,
        Closed,
    }

    private enum SendStatus : byte
    {
        Done,
        Blocked,
        Failed,
    }

    public ConnectionContext Context { get; }

    public int Fd { get; }

    public EpollLoop Loop => _loop;

    public bool IsRegistered { get; set; }

    public bool IsClosed => _state == ConnectionState.Closed;

    public bool IsSuspended => _state == ConnectionState.Suspended;

    /// <summary>The off-loop ProcessAsync, while one runs; the listener awaits it before closing on shutdown.</summary>
    public Task? OffLoop { get; private set; }

    /// <summary>Milliseconds since the last received bytes; 0 while a request runs off the loop (a backend may be slow).</summary>
    public long IdleMilliseconds(long now) => _state == ConnectionState.Suspended ? 0 : now - Volatile.Read(ref _lastActivity);

    /// <summary>From any thread: has the loop close this connection. False when already asked.</summary>
    public bool RequestClose()
    {
        if (Interlocked.Exchange(ref _closeRequested, 1) != 0)
        {
            return false;
        }

        _loop.Post(this, LoopCommandKind.Close);
        return true;
    }

    public void OnCloseRequested()
    {
        // A suspended connection is closed when its request comes back (Resume checks the flag).
        if (_state != ConnectionState.Suspended)
        {
            _loop.Close(this);
        }
    }

    public void OnEvents(uint events)
    {
        switch (_state)
        {
            case ConnectionState.Reading:
                Receive();
                break;
            case ConnectionState.Writing:
                OnWritable();
                break;
            default:
                // Yielded: the loop runs it after this round; level-triggered epoll reports the input again later.
                break;
        }
    }

    public void RunYielded()
    {
        if (_state == ConnectionState.Yielded)
        {
            _state = ConnectionState.Reading;
            Process();
        }
    }

    private unsafe void Receive()
    {
        var free = ReceiveSpace();
        nint received;
        fixed (byte* buffer = free)
        {
            received = LibC.recv(Fd, buffer, free.Length, 0);
        }

        if (received > 0)
        {
            _input.Commit((int)received);
            Interlocked.Add(ref _statistics.BytesRead, received);
            Volatile.Write(ref _lastActivity, _loop.Now);
            Process();
        }
        else if (received == 0 || Marshal.GetLastPInvokeError() is not (LibC.EAGAIN or LibC.EINTR))
        {
            // End of stream, reset or any other receive error; EAGAIN is a stale or spurious readiness.
            _loop.Close(this);
        }
    }

    private Span<byte> ReceiveSpace()
    {
        var free = _input.FreeSpace;
        if (free.IsEmpty)
        {
            // A request larger than the buffer and of unknown size: double and keep reading.
            _input.EnsureRoomFor(0);
            free = _input.FreeSpace;
        }

        return free.Span;
    }

    private void Process()
    {
        var pending = _session.ProcessAsync(_input.Pending, _output, _stopping);
        if (pending.IsCompleted)
        {
            // Result rethrows a session's exception; the loop then closes this connection only.
            AfterProcess(pending.Result);
        }
        else
        {
            Suspend(pending);
        }
    }

    private void AfterProcess(ProcessResult result)
    {
        _input.Consume(result.Consumed);
        _afterSend = result.Outcome;
        _minimumInput = result.MinimumInput;
        if (_output.Length > 0)
        {
            switch (Flush())
            {
                case SendStatus.Blocked:
                    _state = ConnectionState.Writing;
                    if (!_loop.Watch(this, writable: true))
                    {
                        _loop.Close(this);
                    }

                    return;
                case SendStatus.Failed:
                    _loop.Close(this);
                    return;
            }
        }

        Continue();
    }

    private void OnWritable()
    {
        switch (Flush())
        {
            case SendStatus.Done:
                if (_loop.Watch(this, writable: false))
                {
                    Continue();
                }
                else
                {
                    _loop.Close(this);
                }

                break;
            case SendStatus.Failed:
                _loop.Close(this);
                break;
        }
    }

    /// <summary>The session's outcome, once its output is out of the way.</summary>
    private void Continue()
    {
        switch (_afterSend)
        {
            case ProcessOutcome.Close:
                _loop.Close(this);
                break;
            case ProcessOutcome.Yield:
                _state = ConnectionState.Yielded;
                _loop.EnqueueYield(this);
                break;
            default:
                if (_minimumInput > _input.Capacity)
                {
                    _input.EnsureRoomFor(_minimumInput);
                }

                _state = ConnectionState.Reading;
                break;
        }
    }

    private unsafe SendStatus Flush()
    {
        var pending = _output.WrittenSpan[_sent..];
        while (!pending.IsEmpty)
        {
            nint sent;
            fixed (byte* buffer = pending)
            {
                // MSG_NOSIGNAL: a client gone mid-reply must give EPIPE here, not SIGPIPE to the process.
                sent = LibC.send(Fd, buffer, pending.Length, LibC.MSG_NOSIGNAL);
            }

            if (sent < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == LibC.EINTR)
                {
                    continue;
                }

                return errno == LibC.EAGAIN ? SendStatus.Blocked : SendStatus.Failed;
            }

            Interlocked.Increment(ref _statistics.SendOperations);
            Interlocked.Add(ref _statistics.BytesWritten, sent);
            _sent += (int)sent;
            pending = pending[(int)sent..];
        }

        _sent = 0;
        _output.Clear();
        return SendStatus.Done;
    }

    private void Suspend(ValueTask<ProcessResult> pending)
    {
        _state = ConnectionState.Suspended;
        _loop.Unregister(this);
        OffLoop = AwaitOffLoopAsync(pending);
    }

    private async Task AwaitOffLoopAsync(ValueTask<ProcessResult> pending)
    {
        try
        {
            _offLoopResult = await pending.ConfigureAwait(false);
        }
        catch (Exception)
        {
            _offLoopFailed = true;
        }

        Volatile.Write(ref _lastActivity, Environment.TickCount64);
        _loop.Post(this, LoopCommandKind.Resume);
    }

    /// <summary>On the loop thread once the off-loop request finished: back into epoll, then as after any request.</summary>
    public void Resume()
    {
        if (_state != ConnectionState.Suspended)
        {
            return;
        }

        OffLoop = null;
        _state = ConnectionState.Reading;
        _loop.Register(this);
        if (_state == ConnectionState.Closed)
        {
            return;
        }

        if (_offLoopFailed || Volatile.Read(ref _closeRequested) != 0)
        {
            _loop.Close(this);
            return;
        }

        AfterProcess(_offLoopResult);
    }

    /// <summary>Frees everything the connection holds; called once, by <see cref="EpollLoop.Close"/>.</summary>
    public void Release()
    {
        _state = ConnectionState.Closed;
        IsRegistered = false;
        _socket.Dispose();
        try
        {
            _session.Dispose();
        }
        catch (Exception)
        {
            // A session failing to clean up must not take the loop down.
        }

        _input.Dispose();
        _output.Dispose();
    }
}
