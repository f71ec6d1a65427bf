using Memgate.Proxy.Backends;

namespace Memgate.Proxy.Health;

/// <summary>
/// Reads a live backend's <c>stats</c> periodically, and soon after any lost connection, and feeds the
/// identity to its <see cref="RestartDetector"/>: a backend killed and restarted between two probes
/// is never seen down, only as a connection that broke and a new pid behind it. One check at a
/// time; a down backend is left to the prober, which reads the identity itself.
/// </summary>
public sealed class IdentityWatch : IAsyncDisposable
{
    // A connection that breaks again and again must not turn into a stats storm.
    private const int SoonMs = 50;
    private static readonly byte[] StatsRequest = "stats\r\n"u8.ToArray();

    private readonly BackendPool _pool;
    private readonly int _intervalMs;
    private readonly Timer _timer;
    private int _running;

    public IdentityWatch(BackendPool pool, int intervalMs)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalMs, 1);
        _pool = pool;
        _intervalMs = intervalMs;
        _timer = new Timer(static s => ((IdentityWatch)s!).Check(), this, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>Starts checking: at once (the first look decides whether an empty backend is warmed), then periodically.</summary>
    public void Start() => _timer.Change(0, _intervalMs);

    /// <summary>Checks shortly, e.g. after a lost connection.</summary>
    public void CheckSoon() => _timer.Change(SoonMs, _intervalMs);

    /// <summary>One check now; completes when the identity was read (or could not be).</summary>
    public async Task CheckOnceAsync()
    {
        if (!_pool.Health.AllowsRequests)
        {
            return;
        }

        using BackendReply reply = await _pool.SendAsync(StatsRequest, ReplyKind.Stats).ConfigureAwait(false);
        if (!reply.IsOk)
        {
            return;
        }

        if (BackendIdentity.TryParse(reply.Span, out BackendIdentity identity))
        {
            _pool.Health.Identity.Observe(identity);
        }
        else
        {
            _pool.Health.Identity.ObserveUnknown();
        }
    }

    public async ValueTask DisposeAsync() => await _timer.DisposeAsync().ConfigureAwait(false);

    private void Check()
    {
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            return;
        }

        _ = RunAsync();
    }

    private async Task RunAsync()
    {
        try
        {
            await CheckOnceAsync().ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }
}
