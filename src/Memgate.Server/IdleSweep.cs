namespace Memgate.Server;

/// <summary>A client connection as <see cref="IdleSweep"/> sees it.</summary>
internal interface IIdleConnection
{
    /// <summary>Milliseconds since the last received bytes; 0 while a request is being processed.</summary>
    long IdleMilliseconds(long now);

    /// <summary>Closes the connection for idleness, counting it in <see cref="ServerStatistics.IdleKicks"/> before the client can see the close.</summary>
    void CloseIdle(ServerStatistics statistics);
}

/// <summary>
/// memcached's idle_timeout for either listener: about once a second (memcached's own check runs as often; a second's
/// precision is all the option promises) every connection idle longer than the limit is closed.
/// </summary>
internal sealed class IdleSweep : IAsyncDisposable
{
    private readonly Timer _timer;
    private readonly long _limitMilliseconds;
    private readonly ServerStatistics _statistics;
    private readonly Func<IEnumerable<IIdleConnection>> _connections;

    private IdleSweep(ServerOptions options, ServerStatistics statistics, Func<IEnumerable<IIdleConnection>> connections)
    {
        _limitMilliseconds = options.IdleTimeoutSeconds * 1000L;
        _statistics = statistics;
        _connections = connections;
        _timer = new Timer(static state => ((IdleSweep)state!).Sweep(), this, 1000, 1000);
    }

    /// <summary>A running sweep, or null when idle_timeout is off.</summary>
    public static IdleSweep? StartIfEnabled(ServerOptions options, ServerStatistics statistics, Func<IEnumerable<IIdleConnection>> connections) =>
        options.IdleTimeoutSeconds > 0 ? new IdleSweep(options, statistics, connections) : null;

    public ValueTask DisposeAsync() => _timer.DisposeAsync();

    private void Sweep()
    {
        long now = Environment.TickCount64;
        foreach (IIdleConnection connection in _connections())
        {
            if (connection.IdleMilliseconds(now) > _limitMilliseconds)
            {
                connection.CloseIdle(_statistics);
            }
        }
    }
}
