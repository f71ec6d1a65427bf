namespace Memgate.Storage;

/// <summary>
/// memcached's notion of time for items: realtime() for client exptimes, and flush_all. A flush makes every item
/// stored before it invisible; items stored in the very second of the flush are told apart by CAS (like
/// memcached's oldest_cas), so a set right after flush_all in the same second survives. A delayed flush is applied
/// at the first lock taken at or after its time, which is before any command of that second touches an item.
/// </summary>
internal sealed class ExpiryPolicy(ICacheClock clock)
{
    /// <summary>memcached's REALTIME_MAXDELTA: larger exptimes are absolute unix times.</summary>
    public const long MaxRelativeDelta = 60 * 60 * 24 * 30;

    private long _flushedThrough = -1;
    private uint _flushSecond;
    private ulong _flushCas;
    private uint _pendingFlushAt;

    public uint Now => clock.CurrentTime;

    public uint ToRelative(long exptime)
    {
        if (exptime == 0)
        {
            return 0;
        }

        if (exptime < 0)
        {
            // memcached's EXPTIME_TO_POSITIVE_TIME: an absolute time long past.
            exptime = MaxRelativeDelta + 1;
        }

        if (exptime > MaxRelativeDelta)
        {
            long started = clock.ProcessStartedUnixTime;
            return exptime <= started ? 1u : (uint)Math.Min(exptime - started, uint.MaxValue);
        }

        return (uint)Math.Min(exptime + clock.CurrentTime, uint.MaxValue);
    }

    public static bool IsExpired(uint expTime, uint now) => expTime != 0 && expTime <= now;

    public bool IsFlushed(uint storedAt, ulong cas)
        => storedAt <= _flushedThrough || (storedAt == _flushSecond && cas < _flushCas);

    /// <summary>Schedules (or, when due, applies) a flush; a later flush_all replaces a pending one like in memcached.</summary>
    public void Flush(uint when, ref ulong casCounter)
    {
        uint now = clock.CurrentTime;
        if (when == 0 || when <= now)
        {
            _pendingFlushAt = 0;
            Apply(now, ref casCounter);
        }
        else
        {
            _pendingFlushAt = when;
        }
    }

    /// <summary>Applies a delayed flush whose time has come.</summary>
    public void ApplyDue(ref ulong casCounter)
    {
        if (_pendingFlushAt != 0)
        {
            uint now = clock.CurrentTime;
            if (now >= _pendingFlushAt)
            {
                _pendingFlushAt = 0;
                Apply(now, ref casCounter);
            }
        }
    }

    private void Apply(uint now, ref ulong casCounter)
    {
        _flushedThrough = Math.Max(_flushedThrough, (long)now - 1);
        _flushSecond = now;
        _flushCas = ++casCounter;
    }
}
