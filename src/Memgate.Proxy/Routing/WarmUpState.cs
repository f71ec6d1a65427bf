using Memgate.Proxy.Configuration;

namespace Memgate.Proxy.Routing;

/// <summary>
/// Warm-up of one backend that lost its content (restart, flush): while active, a miss on it is
/// looked up on the key's other copy and a hit copied back (mcrouter's WarmUpRoute). Ends after
/// <see cref="HealthSettings.WarmupSeconds"/>, or earlier when over a window of lookups fewer than
/// <see cref="HealthSettings.WarmupExitHitPercent"/> percent still hit on the other copy (the node
/// has what the other copy can give it).
/// </summary>
public sealed class WarmUpState
{
    private readonly HealthSettings _settings;
    private readonly Lock _lock = new();
    private volatile WarmUpMode _mode;
    private long _deadline;
    private int _windowLookups;
    private int _windowHits;
    private long _lookups;
    private long _hits;
    private long _copies;
    private long _copyFailures;
    private long _warmings;

    public WarmUpState(HealthSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
    }

    /// <summary>Current mode; a warm-up past its deadline reads as <see cref="WarmUpMode.Off"/>.</summary>
    public WarmUpMode Mode
    {
        get
        {
            if (_mode == WarmUpMode.Off)
            {
                return WarmUpMode.Off;
            }

            lock (_lock)
            {
                if (_mode != WarmUpMode.Off && Environment.TickCount64 >= _deadline)
                {
                    _mode = WarmUpMode.Off;
                }

                return _mode;
            }
        }
    }

    /// <summary>True while misses on this backend must be looked up on the other copy (the cheap check of the read path).</summary>
    public bool IsActive => Mode != WarmUpMode.Off;

    /// <summary>Misses looked up on the other copy.</summary>
    public long Lookups => Interlocked.Read(ref _lookups);

    /// <summary>Lookups the other copy answered with a value.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Values copied back into this backend.</summary>
    public long Copies => Interlocked.Read(ref _copies);

    /// <summary>Copies back that failed (error, timeout) or were skipped because a write of the key was in flight.</summary>
    public long CopyFailures => Interlocked.Read(ref _copyFailures);

    /// <summary>Times this backend entered warm-up.</summary>
    public long Warmings => Interlocked.Read(ref _warmings);

    /// <summary>A connection broke: until the identity check answers, misses are not trusted.</summary>
    public void BeginVerifying()
    {
        if (_settings.WarmupSeconds == 0)
        {
            return;
        }

        lock (_lock)
        {
            if (_mode == WarmUpMode.Off)
            {
                _mode = WarmUpMode.Verifying;
                _deadline = Environment.TickCount64 + (_settings.WarmupSeconds * 1000L);
            }
        }
    }

    /// <summary>The identity check found the same process: its misses are real again.</summary>
    public void Verified()
    {
        lock (_lock)
        {
            if (_mode == WarmUpMode.Verifying)
            {
                _mode = WarmUpMode.Off;
            }
        }
    }

    /// <summary>The backend is empty (restarted or flushed): warm it for up to the configured time.</summary>
    public void BeginWarming()
    {
        if (_settings.WarmupSeconds == 0)
        {
            return;
        }

        Interlocked.Increment(ref _warmings);
        lock (_lock)
        {
            _mode = WarmUpMode.Warming;
            _deadline = Environment.TickCount64 + (_settings.WarmupSeconds * 1000L);
            _windowLookups = 0;
            _windowHits = 0;
        }
    }

    /// <summary>Ends warm-up at once (operator or test).</summary>
    public void End()
    {
        lock (_lock)
        {
            _mode = WarmUpMode.Off;
        }
    }

    /// <summary>One miss looked up on the other copy; <paramref name="hit"/> when it had the key.</summary>
    public void RecordLookup(bool hit)
    {
        Interlocked.Increment(ref _lookups);
        if (hit)
        {
            Interlocked.Increment(ref _hits);
        }

        lock (_lock)
        {
            _windowLookups++;
            _windowHits += hit ? 1 : 0;
            if (_windowLookups < _settings.WarmupWindowLookups)
            {
                return;
            }

            bool exhausted = _windowHits * 100.0 < _windowLookups * _settings.WarmupExitHitPercent;
            if (exhausted && _mode == WarmUpMode.Warming)
            {
                _mode = WarmUpMode.Off;
            }

            _windowLookups = 0;
            _windowHits = 0;
        }
    }

    internal void CountCopy(bool succeeded)
    {
        if (succeeded)
        {
            Interlocked.Increment(ref _copies);
        }
        else
        {
            Interlocked.Increment(ref _copyFailures);
        }
    }
}
