using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Memgate.Server.Epoll;

/// <summary>
/// Accepts on the listening sockets watched by loop 0 and hands each client to <see cref="EpollListener.Admit"/>.
/// Without maxconns_fast it stops watching the listeners while all client slots are taken and re-checks every
/// 10 ms, as memcached's maxconns_handler does; it also backs off for 10 ms when the process is out of descriptors
/// (a level-triggered listener would otherwise report readiness in a tight loop).
/// </summary>
internal sealed unsafe class EpollAcceptor
{
    private const int RetryMilliseconds = 10;

    /// <summary>Accepts per readiness before other connections get their turn; the listener stays readable if more wait.</summary>
    private const int AcceptBatch = 64;

    private readonly EpollListener _owner;
    private readonly EpollLoop _loop;
    private readonly IReadOnlyList<Socket> _listeners;
    private readonly int[] _fds;
    private readonly bool[] _isUnix;
    private bool _paused;
    private long _retryAt;

    public EpollAcceptor(EpollListener owner, EpollLoop loop, IReadOnlyList<Socket> listeners)
    {
        _owner = owner;
        _loop = loop;
        _listeners = listeners;
        _fds = listeners.Select(s => (int)s.SafeHandle.DangerousGetHandle()).ToArray();
        _isUnix = listeners.Select(s => s.AddressFamily == AddressFamily.Unix).ToArray();
    }

    /// <summary>The epoll_wait timeout loop 0 needs: a 10 ms tick while accepting is paused.</summary>
    public int WaitTimeout => _paused ? RetryMilliseconds : -1;

    /// <summary>Registers the listeners with loop 0 (before its thread starts).</summary>
    public void Watch()
    {
        if (!TryWatch())
        {
            throw new IOException($"epoll_ctl failed for a listening socket: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    private bool TryWatch()
    {
        for (int i = 0; i < _fds.Length; i++)
        {
            if (!_loop.WatchListener(_fds[i], i))
            {
                return false;
            }
        }

        return true;
    }

    public void OnAcceptable(int index)
    {
        if (_paused)
        {
            return;
        }

        for (int i = 0; i < AcceptBatch; i++)
        {
            if (!_owner.Options.MaxConnectionsFast && !_owner.HasFreeSlot)
            {
                Interlocked.Increment(ref _owner.Statistics.ListenDisabledNum);
                Pause();
                return;
            }

            int fd = LibC.accept4(_fds[index], null, null, LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC);
            if (fd < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno is LibC.EMFILE or LibC.ENFILE or LibC.ENOBUFS or LibC.ENOMEM)
                {
                    Pause();
                }

                // EAGAIN: nothing left. ECONNABORTED and friends: that client gave up; level-triggered epoll
                // reports the listener again if others are waiting.
                return;
            }

            try
            {
                _owner.Admit(fd, _isUnix[index]);
            }
            catch (Exception)
            {
                // A session factory failing for one client must not stop the listener; Admit closed the descriptor.
            }
        }
    }

    /// <summary>After every round of events: resumes accepting once the pause is over and a slot is free.</summary>
    public void Poll()
    {
        if (_paused && Environment.TickCount64 >= _retryAt && (_owner.Options.MaxConnectionsFast || _owner.HasFreeSlot))
        {
            // Unwatch them all first so a half-failed attempt leaves nothing registered twice.
            foreach (int fd in _fds)
            {
                _loop.UnwatchListener(fd);
            }

            if (TryWatch())
            {
                _paused = false;
            }
            else
            {
                _retryAt = Environment.TickCount64 + RetryMilliseconds;
            }
        }
    }

    /// <summary>
    /// On shutdown, on loop 0's thread (the only one calling accept4 on them), before any client is closed: a client
    /// reconnecting meanwhile is refused instead of waiting in a backlog nobody accepts from, as with the sockets transport.
    /// </summary>
    public void CloseListeners()
    {
        _paused = true;
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }
    }

    private void Pause()
    {
        _paused = true;
        _retryAt = Environment.TickCount64 + RetryMilliseconds;
        foreach (int fd in _fds)
        {
            _loop.UnwatchListener(fd);
        }
    }
}
