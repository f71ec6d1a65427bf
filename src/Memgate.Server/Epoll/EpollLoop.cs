using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Memgate.Server.Epoll;

/// <summary>
/// One event-loop thread: a level-triggered epoll set of its connections (plus, on loop 0, the listening sockets),
/// blocking in epoll_wait until something is ready. Each readiness gets exactly one recv, the session runs inline,
/// and the replies go out with one send — memcached's worker-thread shape, two system calls per unpipelined request.
/// </summary>
/// <remarks>
/// Only this thread touches its epoll set, its connection table and its connections' buffers; other threads talk to
/// it through <see cref="Post"/> (a queue plus an eventfd wake-up), so a descriptor is never closed while another
/// thread might still use its number.
/// </remarks>
internal sealed unsafe class EpollLoop : IDisposable
{
    private const int MaxEvents = 256;

    /// <summary>epoll data of the wake-up eventfd; connections use their descriptor, listeners <see cref="ListenerTag"/>.</summary>
    private const ulong WakeupToken = ulong.MaxValue;
    private const ulong ListenerTag = 1UL << 62;

    private readonly EpollListener _owner;
    private readonly EpollWakeup _wakeup;
    private readonly ConcurrentQueue<LoopCommand> _commands = new();
    private readonly Queue<EpollConnection> _yielded = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread _thread;
    private EpollConnection?[] _byFd = new EpollConnection?[256];
    private int _epfd;
    private volatile bool _stopping;

    public EpollLoop(EpollListener owner, int index)
    {
        _owner = owner;
        Index = index;
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

    /// <summary>Environment.TickCount64 when the current round of events came back: one clock read per epoll_wait, not per connection.</summary>
    public long Now { get; private set; }

    /// <summary>Set on loop 0 only: accepts from the listening sockets registered in this loop.</summary>
    public EpollAcceptor? Acceptor { get; set; }

    /// <summary>Completes when the thread has closed its connections and its epoll descriptor.</summary>
    public Task Completion => _completion.Task;

    public bool IsLoopThread => Environment.CurrentManagedThreadId == _thread.ManagedThreadId;

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

    /// <summary>Switches a connection between waiting for input and waiting for its send buffer to drain.</summary>
    public bool Watch(EpollConnection connection, bool writable)
        => Control(LibC.EPOLL_CTL_MOD, connection.Fd, writable ? LibC.EPOLLOUT : LibC.EPOLLIN, (ulong)connection.Fd);

    /// <summary>Stops watching a connection whose session continues off the loop; <see cref="Register"/> resumes it.</summary>
    public void Unregister(EpollConnection connection)
    {
        _byFd[connection.Fd] = null;
        connection.IsRegistered = false;
        _ = Control(LibC.EPOLL_CTL_DEL, connection.Fd, 0, 0);
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
            _byFd[connection.Fd] = null;
            if (_epfd >= 0)
            {
                _ = Control(LibC.EPOLL_CTL_DEL, connection.Fd, 0, 0);
            }
        }

        connection.Release();
        _owner.OnConnectionClosed(connection);
    }

    /// <summary>Puts a connection into this loop's epoll set and table (loop thread only).</summary>
    public void Register(EpollConnection connection)
    {
        int fd = connection.Fd;
        if (fd >= _byFd.Length)
        {
            Array.Resize(ref _byFd, Math.Max(fd + 1, _byFd.Length * 2));
        }

        _byFd[fd] = connection;
        connection.IsRegistered = true;
        if (!Control(LibC.EPOLL_CTL_ADD, fd, LibC.EPOLLIN, (ulong)fd))
        {
            Close(connection);
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
        byte* events = (byte*)NativeMemory.Alloc((nuint)(MaxEvents * EpollEventLayout.Size));
        try
        {
            while (!_stopping)
            {
                int timeout = _yielded.Count > 0 ? 0 : Acceptor?.WaitTimeout ?? -1;
                int ready = LibC.epoll_wait(_epfd, events, MaxEvents, timeout);
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
        if (_byFd[(int)data] is { } connection)
        {
            try
            {
                connection.OnEvents(events);
            }
            catch (Exception)
            {
                // A failing session ends its own connection only.
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

    private void RunCommands()
    {
        while (_commands.TryDequeue(out var command))
        {
            try
            {
                switch (command.Kind)
                {
                    case LoopCommandKind.Adopt:
                        Register(command.Connection);
                        break;
                    case LoopCommandKind.Close:
                        command.Connection.OnCloseRequested();
                        break;
                    case LoopCommandKind.Resume:
                        command.Connection.Resume();
                        break;
                }
            }
            catch (Exception)
            {
                Close(command.Connection);
            }
        }
    }

    /// <summary>On exit: every connection this loop owns or was handed is closed, then the epoll set.</summary>
    private void CloseEverything()
    {
        Acceptor?.CloseListeners();
        foreach (var connection in _byFd)
        {
            if (connection is not null)
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
            if (!command.Connection.IsSuspended)
            {
                Close(command.Connection);
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
