using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Memgate.Server.Epoll;

/// <summary>
/// One event-loop thread: a level-triggered epoll set of its connections (plus, on loop 0, the listening sockets,
/// and any <see cref="ILoopResident"/> such as the proxy's backend connections), blocking in epoll_wait until
/// something is ready. Each readiness gets exactly one recv, the session runs inline, and the replies go out with
/// one send — memcached's worker-thread shape, two system calls per unpipelined request.
/// </summary>
/// <remarks>
/// Only this thread touches its epoll set, its descriptor table and its connections' buffers; other threads talk to
/// it through <see cref="Post(EpollConnection, LoopCommandKind)"/> (a queue plus an eventfd wake-up), so a
/// descriptor is never closed while another thread might still use its number. A round is: the ready descriptors,
/// the connections that yielded, then the work deferred with <see cref="AtRoundEnd"/> (the proxy's backend
/// writes), then tickers when due.
/// </remarks>
internal sealed unsafe class EpollLoop : IDisposable
{
    private const int MaxEvents = 256;

    /// <summary>epoll data of the wake-up eventfd; descriptors use their number, listeners <see cref="ListenerTag"/>.</summary>
    private const ulong WakeupToken = ulong.MaxValue;
    private const ulong ListenerTag = 1UL << 62;

    private readonly EpollListener? _owner;
    private readonly EpollWakeup _wakeup;
    private readonly ConcurrentQueue<LoopCommand> _commands = new();
    private readonly Queue<EpollConnection> _yielded = new();
    private readonly Queue<ILoopRoundEnd> _roundEnd = new();
    private readonly List<ILoopTicker> _tickers = [];
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread _thread;
    private ILoopResident?[] _byFd = new ILoopResident?[256];
    private long _nextTick;
    private int _epfd;
    private volatile bool _stopping;

    public EpollLoop(EpollListener? owner, int index)
    {
        _owner = owner;
        Index = index;
        Scheduler = new LoopScheduler(this);
        _epfd = LibC.epoll_create1(LibC.EPOLL_CLOEXEC);
        if (_epfd < 0)
        {
            throw new IOException($"epoll_create1 failed: errno {Marshal.GetLastPInvokeError()}");
        }

        try
        {
            _wakeup = new EpollWakeup();
            Control(LibC.EPOLL_CTL_ADD, _wakeup.Fd, LibC.EPOLLIN, WakeupToken);
        }
        catch
        {
            _wakeup?.Dispose();
            _ = LibC.close(_epfd);
            throw;
        }

        _thread = new Thread(Run) { IsBackground = true, Name = $"memgate epoll {index}" };
    }

    public int Index { get; }

    /// <summary>The public face of this loop for code running on it.</summary>
    public LoopScheduler Scheduler { get; }

    /// <summary>Environment.TickCount64 when the current round of events came back: one clock read per epoll_wait, not per connection.</summary>
    public long Now { get; private set; }

    /// <summary>Set on loop 0 only: accepts from the listening sockets registered in this loop.</summary>
    public EpollAcceptor? Acceptor { get; set; }

    /// <summary>Completes when the thread has closed its connections and its epoll descriptor.</summary>
    public Task Completion => _completion.Task;

    public bool IsLoopThread => Environment.CurrentManagedThreadId == _thread.ManagedThreadId;

    public bool IsRunning => !_stopping;

    public void Start() => _thread.Start();

    /// <summary>Asks the thread to close everything and exit.</summary>
    public void Stop()
    {
        _stopping = true;
        _wakeup.Signal();
    }

    /// <summary>Hands work to the loop thread from any thread.</summary>
    public void Post(EpollConnection connection, LoopCommandKind kind)
    {
        _commands.Enqueue(new LoopCommand(connection, kind));
        _wakeup.Signal();
    }

    /// <summary>Runs an action on the loop thread, from any thread.</summary>
    public void Post(Action<object?> action, object? state)
    {
        _commands.Enqueue(new LoopCommand(null, LoopCommandKind.Run, action, state));
        _wakeup.Signal();
    }

    /// <summary>Takes over a new connection: directly when called on this loop's thread, else through the queue.</summary>
    public void Adopt(EpollConnection connection)
    {
        if (IsLoopThread)
        {
            Register(connection);
        }
        else
        {
            Post(connection, LoopCommandKind.Adopt);
        }
    }

    /// <summary>Watches a listening socket (loop 0, before <see cref="Start"/> or on the loop thread).</summary>
    public bool WatchListener(int fd, int index) => Control(LibC.EPOLL_CTL_ADD, fd, LibC.EPOLLIN, ListenerTag | (uint)index);

    public void UnwatchListener(int fd) => Control(LibC.EPOLL_CTL_DEL, fd, 0, 0);

    /// <summary>Switches a connection between waiting for input, for its send buffer to drain, or for nothing.</summary>
    public bool Watch(EpollConnection connection, uint events) => Modify(connection.Fd, events);

    public bool Modify(int fd, uint events) => Control(LibC.EPOLL_CTL_MOD, fd, events, (ulong)fd);

    public void AtRoundEnd(ILoopRoundEnd work) => _roundEnd.Enqueue(work);

    public void StartTicking(ILoopTicker ticker)
    {
        if (_tickers.Count == 0)
        {
            _nextTick = Environment.TickCount64 + LoopScheduler.TickMilliseconds;
        }

        _tickers.Add(ticker);
    }

    /// <summary>Runs the connection's pending requests after this round of events, before the next epoll_wait.</summary>
    public void EnqueueYield(EpollConnection connection) => _yielded.Enqueue(connection);

    /// <summary>Closes a connection of this loop: out of epoll first, then the descriptor, then the session.</summary>
    public void Close(EpollConnection connection)
    {
        if (connection.IsClosed)
        {
            return;
        }

        if (connection.IsRegistered)
        {
            Unregister(connection.Fd);
            connection.IsRegistered = false;
        }

        connection.Release();
        _owner?.OnConnectionClosed(connection);
    }

    /// <summary>Puts a connection into this loop's epoll set and table (loop thread only).</summary>
    public void Register(EpollConnection connection)
    {
        connection.IsRegistered = true;
        if (!Register(connection.Fd, connection, LibC.EPOLLIN))
        {
            connection.IsRegistered = false;
            Close(connection);
        }
    }

    /// <summary>Puts a descriptor into this loop's epoll set and table (loop thread only).</summary>
    public bool Register(int fd, ILoopResident resident, uint events)
    {
        if (fd >= _byFd.Length)
        {
            Array.Resize(ref _byFd, Math.Max(fd + 1, _byFd.Length * 2));
        }

        _byFd[fd] = resident;
        if (Control(LibC.EPOLL_CTL_ADD, fd, events, (ulong)fd))
        {
            return true;
        }

        _byFd[fd] = null;
        return false;
    }

    public void Unregister(int fd)
    {
        if (fd < _byFd.Length)
        {
            _byFd[fd] = null;
        }

        if (_epfd >= 0)
        {
            _ = Control(LibC.EPOLL_CTL_DEL, fd, 0, 0);
        }
    }

    private bool Control(int op, int fd, uint events, ulong data)
    {
        byte* ev = stackalloc byte[16];
        EpollEventLayout.Write(ev, events, data);
        return LibC.epoll_ctl(_epfd, op, fd, ev) == 0;
    }

    private void Run()
    {
        LoopScheduler.Enter(Scheduler);
        byte* events = (byte*)NativeMemory.Alloc((nuint)(MaxEvents * EpollEventLayout.Size));
        try
        {
            while (!_stopping)
            {
                int ready = LibC.epoll_wait(_epfd, events, MaxEvents, WaitTimeout());
                Now = Environment.TickCount64;
                if (ready < 0)
                {
                    if (Marshal.GetLastPInvokeError() == LibC.EINTR)
                    {
                        continue;
                    }

                    // EBADF/EFAULT/EINVAL: a bug, not a client; stop this loop rather than spin.
                    break;
                }

                for (int i = 0; i < ready; i++)
                {
                    Dispatch(EpollEventLayout.Data(events, i), EpollEventLayout.Events(events, i));
                }

                RunYielded();
                RunRoundEnd();
                RunTickers();
                Acceptor?.Poll();
            }
        }
        finally
        {
            NativeMemory.Free(events);
            CloseEverything();
            _completion.TrySetResult();
        }
    }

    private int WaitTimeout()
    {
        if (_yielded.Count > 0 || _roundEnd.Count > 0)
        {
            return 0;
        }

        int timeout = Acceptor?.WaitTimeout ?? -1;
        if (_tickers.Count > 0)
        {
            int untilTick = (int)Math.Clamp(_nextTick - Environment.TickCount64, 0, LoopScheduler.TickMilliseconds);
            timeout = timeout < 0 ? untilTick : Math.Min(timeout, untilTick);
        }

        return timeout;
    }

    private void Dispatch(ulong data, uint events)
    {
        if (data == WakeupToken)
        {
            _wakeup.Reset();
            RunCommands();
            return;
        }

        if ((data & ListenerTag) != 0)
        {
            Acceptor?.OnAcceptable((int)(data & 0xFFFF));
            return;
        }

        // A stale event for a descriptor closed earlier in this round (and maybe reused) at worst makes a
        // connection try a recv or send that reports EAGAIN: harmless with level-triggered epoll.
        if (_byFd[(int)data] is not { } resident)
        {
            return;
        }

        try
        {
            resident.OnEvents(events);
        }
        catch (Exception)
        {
            // A failing session ends its own connection only; a resident is expected to contain its own failures.
            if (resident is EpollConnection connection)
            {
                Close(connection);
            }
        }
    }

    private void RunYielded()
    {
        for (int count = _yielded.Count; count > 0; count--)
        {
            var connection = _yielded.Dequeue();
            try
            {
                connection.RunYielded();
            }
            catch (Exception)
            {
                Close(connection);
            }
        }
    }

    /// <summary>Deferred work; what it defers in turn (a write failing completes requests whose routes send again) runs too.</summary>
    private void RunRoundEnd()
    {
        while (_roundEnd.TryDequeue(out var work))
        {
            try
            {
                work.OnRoundEnd();
            }
            catch (Exception)
            {
                // Deferred work contains its own failures; a bug there must not stop the loop.
            }
        }
    }

    private void RunTickers()
    {
        if (_tickers.Count == 0 || Now < _nextTick)
        {
            return;
        }

        _nextTick = Now + LoopScheduler.TickMilliseconds;
        long timestamp = Stopwatch.GetTimestamp();
        for (int i = _tickers.Count - 1; i >= 0; i--)
        {
            bool keep;
            try
            {
                keep = _tickers[i].OnTick(timestamp);
            }
            catch (Exception)
            {
                keep = false;
            }

            if (!keep)
            {
                _tickers.RemoveAt(i);
            }
        }

        RunRoundEnd();
    }

    private void RunCommands()
    {
        while (_commands.TryDequeue(out var command))
        {
            try
            {
                switch (command.Kind)
                {
                    case LoopCommandKind.Adopt:
                        Register(command.Connection!);
                        break;
                    case LoopCommandKind.Close:
                        command.Connection!.OnCloseRequested();
                        break;
                    case LoopCommandKind.Resume:
                        command.Connection!.Resume();
                        break;
                    case LoopCommandKind.Run:
                        command.Action!(command.State);
                        break;
                }
            }
            catch (Exception)
            {
                if (command.Connection is { } connection)
                {
                    Close(connection);
                }
            }
        }
    }

    /// <summary>
    /// On exit: residents first (a proxy's backend connections fail what is in flight, so the sessions awaiting them
    /// finish), then every connection this loop owns or was handed, then the epoll set.
    /// </summary>
    private void CloseEverything()
    {
        Acceptor?.CloseListeners();
        foreach (var resident in _byFd)
        {
            if (resident is not null and not EpollConnection)
            {
                try
                {
                    resident.OnLoopStopping();
                }
                catch (Exception)
                {
                    // Shutting down regardless.
                }
            }
        }

        RunRoundEnd();
        foreach (var resident in _byFd)
        {
            if (resident is EpollConnection connection)
            {
                Close(connection);
            }
        }

        DrainCommands();
        _ = LibC.close(_epfd);
        _epfd = -1;
    }

    /// <summary>Closes what is still queued; also called by the listener once every loop thread has exited.</summary>
    public void DrainCommands()
    {
        while (_commands.TryDequeue(out var command))
        {
            if (command.Kind == LoopCommandKind.Resume)
            {
                // A session that finished on another thread: let it release what it held, then close.
                command.Connection!.Resume();
            }

            if (command.Connection is { } connection)
            {
                Close(connection);
            }
        }
    }

    /// <summary>After <see cref="Completion"/> (or when the thread never started): frees the eventfd and the epoll set.</summary>
    public void Dispose()
    {
        _wakeup.Dispose();
        if (_epfd >= 0)
        {
            _ = LibC.close(_epfd);
            _epfd = -1;
        }
    }
}
