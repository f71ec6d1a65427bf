namespace Memgate.Server.Epoll;

/// <summary>
/// What code running on an epoll loop thread may ask of its loop: watch more descriptors, defer work to the end
/// of the round (so the sends of many clients leave in one write), be ticked for deadlines, and — from any
/// thread — have something run on the loop. <see cref="Current"/> is the loop of the calling thread, if any.
/// </summary>
public sealed class LoopScheduler
{
    public const uint Readable = LibC.EPOLLIN;
    public const uint Writable = LibC.EPOLLOUT;
    public const uint Error = LibC.EPOLLERR;
    public const uint HangUp = LibC.EPOLLHUP;

    /// <summary>How often tickers run while any is registered.</summary>
    public const int TickMilliseconds = 10;

    [ThreadStatic]
    private static LoopScheduler? t_current;

    private readonly EpollLoop _loop;

    internal LoopScheduler(EpollLoop loop) => _loop = loop;

    /// <summary>The loop whose thread is calling, or null off every loop.</summary>
    public static LoopScheduler? Current => t_current;

    /// <summary>0-based index of the loop; stable for its lifetime.</summary>
    public int Index => _loop.Index;

    /// <summary>True while the loop runs; false once it has begun to stop.</summary>
    public bool IsRunning => _loop.IsRunning;

    public bool IsCurrentThread => ReferenceEquals(t_current, this);

    internal static void Enter(LoopScheduler scheduler) => t_current = scheduler;

    /// <summary>Adds a descriptor to the loop's epoll set (loop thread only).</summary>
    public bool Watch(int fd, ILoopResident resident, uint events) => _loop.Register(fd, resident, events);

    /// <summary>Changes the events a watched descriptor waits for (loop thread only).</summary>
    public bool Rewatch(int fd, uint events) => _loop.Modify(fd, events);

    /// <summary>Removes a descriptor from the epoll set before it is closed (loop thread only).</summary>
    public void Unwatch(int fd) => _loop.Unregister(fd);

    /// <summary>Runs <paramref name="work"/> after this round's events, before the loop waits again (loop thread only).</summary>
    public void AtRoundEnd(ILoopRoundEnd work) => _loop.AtRoundEnd(work);

    /// <summary>Ticks <paramref name="ticker"/> until it returns false (loop thread only; register once).</summary>
    public void StartTicking(ILoopTicker ticker) => _loop.StartTicking(ticker);

    /// <summary>From any thread: runs <paramref name="action"/> on the loop thread (dropped if the loop has stopped).</summary>
    public void Post(Action<object?> action, object? state) => _loop.Post(action, state);
}
