namespace Memgate.Storage;

/// <summary>A clock that only moves when told to; for tests that need exptime and flush_all without sleeping.</summary>
public sealed class ManualCacheClock : ICacheClock
{
    /// <summary>memcached's first current_time: process_started is set 62 seconds in the past.</summary>
    public const uint DefaultStartTime = 62;

    private uint _currentTime;

    public ManualCacheClock(long processStartedUnixTime = 1_700_000_000, uint currentTime = DefaultStartTime)
    {
        ProcessStartedUnixTime = processStartedUnixTime;
        _currentTime = currentTime;
    }

    public uint CurrentTime
    {
        get => Volatile.Read(ref _currentTime);
        set => Volatile.Write(ref _currentTime, value);
    }

    public long ProcessStartedUnixTime { get; }

    /// <summary>Unix time that <see cref="CurrentTime"/> corresponds to.</summary>
    public long UnixTime => ProcessStartedUnixTime + CurrentTime;

    public void Advance(uint seconds) => Interlocked.Add(ref _currentTime, seconds);
}
