using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Memgate.Server.Epoll;

/// <summary>
/// One client on an <see cref="EpollLoop"/>: one recv per readiness into a reusable buffer, the session inline, all
/// replies of the batch with one send. When the send buffer is full it stops reading and waits for EPOLLOUT, so a
/// client that does not read its replies gets TCP back-pressure instead of an ever-growing output buffer.
/// </summary>
/// <remarks>
/// Everything except <see cref="CloseIdle"/> and <see cref="IdleMilliseconds"/> runs on the loop thread.
/// Node sessions complete synchronously. A proxy session's ProcessAsync awaits its backends, whose connections
/// live on the same loop: the connection then waits in <see cref="ConnectionState.Awaiting"/>, still in epoll, and
/// the backend reply that completes the session resumes it inline on the loop thread (a completion on any other
/// thread is posted to the loop). Input that arrives meanwhile is appended behind the bytes the session is parsing,
/// never moving them, and processed once it finishes.
/// </remarks>
internal sealed class EpollConnection : ILoopResident, IIdleConnection
{
    private readonly EpollLoop _loop;
    private readonly Socket _socket;
    private readonly IProtocolSession _session;
    private readonly ServerStatistics _statistics;
    private readonly ReceiveBuffer _input;
    private readonly OutputBuffer _output;
    private readonly CancellationToken _stopping;
    private readonly Action _onSessionCompleted;
    private volatile ConnectionState _state;
    private ProcessOutcome _afterSend;
    private int _minimumInput;
    private int _sent;
    private long _lastActivity;
    private int _closeRequested;
    private ValueTask<ProcessResult> _awaited;
    private bool _unprocessedInput;
    private bool _releaseAfterAwait;

    /// <summary>Handshake between the session's completion (any thread) and a close while it runs (loop thread).</summary>
    private int _awaitState;
    private TaskCompletionSource? _drained;

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
        _onSessionCompleted = OnSessionCompleted;
    }

    private enum ConnectionState : byte
    {
        /// <summary>Watching EPOLLIN; everything received so far that is complete has been processed.</summary>
        Reading,
        /// <summary>The session yielded with requests still buffered; runs again before the loop's next epoll_wait.</summary>
        Yielded,
        /// <summary>Output left over after EAGAIN; watching EPOLLOUT only.</summary>
        Writing,
        /// <summary>ProcessAsync has not finished (a proxy waiting on its backends); input is only buffered.</summary>
        Awaiting,
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

    /// <summary>Milliseconds since the last received bytes; 0 while the session awaits (a backend may be slow).</summary>
    public long IdleMilliseconds(long now) => _state == ConnectionState.Awaiting ? 0 : now - Volatile.Read(ref _lastActivity);

    /// <summary>From any thread: has the loop close this connection (idle kick), counted first; once only.</summary>
    public void CloseIdle(ServerStatistics statistics)
    {
        if (Interlocked.Exchange(ref _closeRequested, 1) == 0)
        {
            Interlocked.Increment(ref statistics.IdleKicks);
            _loop.Post(this, LoopCommandKind.Close);
        }
    }

    public void OnCloseRequested()
    {
        // An awaiting connection is closed when its session finishes (FinishAwait checks the flag).
        if (_state != ConnectionState.Awaiting)
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
            case ConnectionState.Awaiting:
                ReceiveWhileAwaiting();
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

    private void Receive()
    {
        switch (ReceiveInto(ReceiveSpace()))
        {
            case > 0:
                Process();
                break;
            case < 0:
                _loop.Close(this);
                break;
        }
    }

    /// <summary>
    /// One recv into <paramref name="free"/>: the byte count (committed to the input), 0 for a spurious readiness
    /// (EAGAIN/EINTR), or -1 at end of stream, reset or any other receive error.
    /// </summary>
    private unsafe int ReceiveInto(Span<byte> free)
    {
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
            return (int)received;
        }

        return received == 0 || Marshal.GetLastPInvokeError() is not (LibC.EAGAIN or LibC.EINTR) ? -1 : 0;
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
            return;
        }

        _state = ConnectionState.Awaiting;
        _awaited = pending;
        _awaitState = AwaitRunning;
        pending.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_onSessionCompleted);
    }

    /// <summary>
    /// Input while the session still parses the buffer: appended behind it, never compacted. With no room left, or
    /// when the client hangs up, the connection leaves epoll until the session is done (a level-triggered hang-up
    /// would otherwise be reported on every round); a client that half-closes after its last request still gets
    /// every reply, as from memcached.
    /// </summary>
    private void ReceiveWhileAwaiting()
    {
        var tail = _input.TailSpace.Span;
        if (tail.IsEmpty)
        {
            StopWatching();
            return;
        }

        switch (ReceiveInto(tail))
        {
            case > 0:
                _unprocessedInput = true;
                break;
            case < 0:
                // End of input (or a reset) while replies are still due: they are sent first. Back in epoll once the
                // session is done, the next receive sees the end again and closes (after any input that came before it).
                StopWatching();
                break;
        }
    }

    private void StopWatching()
    {
        if (IsRegistered)
        {
            _loop.Unregister(Fd);
            IsRegistered = false;
        }
    }

    private const int AwaitRunning = 0;
    private const int AwaitCompleted = 1;
    private const int AwaitAbandoned = 2;

    /// <summary>
    /// Set when the connection was closed while its session still ran (loop shutdown): completes once the session
    /// has finished and the buffers are released, so the listener can promise that no session runs after disposal.
    /// </summary>
    public Task? Drained => _drained?.Task;

    /// <summary>The session's continuation: inline when a backend reply on this loop completed it, else posted.</summary>
    private void OnSessionCompleted()
    {
        if (Interlocked.CompareExchange(ref _awaitState, AwaitCompleted, AwaitRunning) != AwaitRunning)
        {
            // Closed meanwhile and the loop may be gone: nobody else touches this connection any more.
            FinishAwait();
            return;
        }

        if (_loop.IsLoopThread)
        {
            FinishAwait();
        }
        else
        {
            _loop.Post(this, LoopCommandKind.Resume);
        }
    }

    /// <summary>On the loop thread (or, after the loops stopped, the disposing thread) once the session finished elsewhere.</summary>
    public void Resume() => FinishAwait();

    private void FinishAwait()
    {
        if (_state != ConnectionState.Awaiting && !_releaseAfterAwait)
        {
            return;
        }

        ProcessResult result = default;
        bool failed = false;
        try
        {
            result = _awaited.GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            failed = true;
        }

        _awaited = default;
        Volatile.Write(ref _lastActivity, Environment.TickCount64);
        if (_releaseAfterAwait)
        {
            // Closed while the session ran (loop shutdown): only now is nobody using the buffers.
            ReleaseBuffers();
            _drained?.TrySetResult();
            return;
        }

        if (failed || Volatile.Read(ref _closeRequested) != 0)
        {
            _loop.Close(this);
            return;
        }

        _state = ConnectionState.Reading;
        if (!IsRegistered)
        {
            _loop.Register(this);
            if (_state == ConnectionState.Closed)
            {
                return;
            }
        }

        AfterProcess(result);
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
                    if (!_loop.Watch(this, LibC.EPOLLOUT))
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
                if (_loop.Watch(this, LibC.EPOLLIN))
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
                _unprocessedInput = false;
                _state = ConnectionState.Yielded;
                _loop.EnqueueYield(this);
                break;
            default:
                if (_minimumInput > _input.Capacity)
                {
                    _input.EnsureRoomFor(_minimumInput);
                }

                if (_unprocessedInput)
                {
                    // Bytes that came in while the session awaited: no new readiness will announce them.
                    _unprocessedInput = false;
                    _state = ConnectionState.Yielded;
                    _loop.EnqueueYield(this);
                }
                else
                {
                    _state = ConnectionState.Reading;
                }

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

    /// <summary>Frees everything the connection holds; called once, by <see cref="EpollLoop.Close"/>.</summary>
    public void Release()
    {
        bool awaiting = _state == ConnectionState.Awaiting;
        _state = ConnectionState.Closed;
        IsRegistered = false;
        _socket.Dispose();
        if (awaiting)
        {
            // The session is still running and owns the buffers until it finishes (FinishAwait releases them).
            _releaseAfterAwait = true;
            _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (Interlocked.CompareExchange(ref _awaitState, AwaitAbandoned, AwaitRunning) == AwaitRunning)
            {
                return;
            }

            // It finished a moment ago and its Resume is queued: release now (Resume then finds nothing to do).
            FinishAwait();
            return;
        }

        ReleaseBuffers();
    }

    private void ReleaseBuffers()
    {
        _releaseAfterAwait = false;
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

    void ILoopResident.OnLoopStopping() => _loop.Close(this);
}
