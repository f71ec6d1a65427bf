namespace Memgate.Proxy.Health;

/// <summary>
/// Remembers the last <see cref="BackendIdentity"/> seen of one backend and recognises a restart
/// (a new pid, an uptime that went backwards, or a boot time that moved) even when no probe ever
/// saw the backend down — a kill -9 and restart between two requests. Fed by the prober and by the
/// periodic identity check; raises <see cref="Observed"/> synchronously, so a probe can put the
/// backend into warm-up before it lets requests through again.
/// </summary>
public sealed class RestartDetector
{
    // Both servers derive time and uptime from one clock, so time - uptime is constant; a couple of
    // seconds of slack absorb rounding at second boundaries and the clock updates of memcached.
    private const long BootTimeSlackSeconds = 3;

    private readonly Lock _lock = new();
    private BackendIdentity? _last;
    private long _restarts;

    /// <summary>Raised (outside the lock) after every observation with its verdict.</summary>
    public event Action<IdentityVerdict>? Observed;

    /// <summary>The last identity seen, or null.</summary>
    public BackendIdentity? Last
    {
        get
        {
            lock (_lock)
            {
                return _last;
            }
        }
    }

    /// <summary>Restarts recognised so far.</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>Judges a freshly read identity against the last one and remembers it.</summary>
    public IdentityVerdict Observe(BackendIdentity identity)
    {
        IdentityVerdict verdict;
        lock (_lock)
        {
            verdict = Judge(_last, identity);
            _last = identity;
        }

        if (verdict == IdentityVerdict.Restarted)
        {
            Interlocked.Increment(ref _restarts);
        }

        Observed?.Invoke(verdict);
        return verdict;
    }

    /// <summary>The backend answered a probe or check without identity fields.</summary>
    public void ObserveUnknown() => Observed?.Invoke(IdentityVerdict.Unknown);

    internal static IdentityVerdict Judge(BackendIdentity? last, BackendIdentity now)
    {
        if (last is not { } before)
        {
            return now.CurrItems == 0 ? IdentityVerdict.FirstSeenEmpty : IdentityVerdict.FirstSeen;
        }

        bool restarted = now.Pid != before.Pid
            || now.Uptime < before.Uptime
            || (now.Time > 0 && before.Time > 0 && Math.Abs(now.BootTime - before.BootTime) > BootTimeSlackSeconds);
        return restarted ? IdentityVerdict.Restarted : IdentityVerdict.Same;
    }
}
