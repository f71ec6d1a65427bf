namespace Memgate.Server.Epoll;

/// <summary>
/// A descriptor other than a client connection that lives on an epoll loop (the proxy's backend connections): its
/// readiness is delivered on the loop thread, which is the only thread that may touch it.
/// </summary>
public interface ILoopResident
{
    /// <summary>The descriptor is ready (EPOLLIN/EPOLLOUT/EPOLLERR/EPOLLHUP bits of <see cref="LoopScheduler"/>).</summary>
    void OnEvents(uint events);

    /// <summary>The loop is shutting down; release the descriptor and fail whatever is still waiting on it.</summary>
    void OnLoopStopping();
}

/// <summary>Work deferred to the end of the loop's current round (after every ready descriptor was served).</summary>
public interface ILoopRoundEnd
{
    /// <summary>Called once per <see cref="LoopScheduler.AtRoundEnd"/>, on the loop thread, before the next epoll_wait.</summary>
    void OnRoundEnd();
}

/// <summary>Something that needs the loop's clock (deadlines), ticked every <see cref="LoopScheduler.TickMilliseconds"/>.</summary>
public interface ILoopTicker
{
    /// <summary>On the loop thread; return false to stop being ticked.</summary>
    bool OnTick(long nowTimestamp);
}
