namespace Memgate.Server.Epoll;

/// <summary>
/// One epoll loop thread without a listener, for loop residents that need no clients (tests and tools driving a
/// proxy backend connection directly). Work gets onto it with <see cref="LoopScheduler.Post"/>.
/// </summary>
public sealed class EventLoopThread : IAsyncDisposable
{
    private readonly EpollLoop _loop;

    public EventLoopThread()
    {
        _loop = new EpollLoop(owner: null, index: 0);
        _loop.Start();
    }

    public LoopScheduler Scheduler => _loop.Scheduler;

    /// <summary>Stops the thread; residents get <see cref="ILoopResident.OnLoopStopping"/> first.</summary>
    public async ValueTask DisposeAsync()
    {
        _loop.Stop();
        await _loop.Completion.ConfigureAwait(false);
        _loop.Dispose();
    }
}
