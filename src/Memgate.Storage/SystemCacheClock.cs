using System.Diagnostics;

namespace Memgate.Storage;

/// <summary>
/// The production clock, like memcached's clock_handler: relative seconds from a monotonic source, so wall-clock
/// jumps do not expire or resurrect items. process_started is set 62 seconds in the past (memcached's
/// <c>time(0) - ITEM_UPDATE_INTERVAL - 2</c>) so that relative time 1 ("expire at once") is always in the past.
/// Reading <see cref="CurrentTime"/> is a plain field read; a timer refreshes it several times a second so it
/// lags real time by well under the ±1 s memcached documents.
/// </summary>
public sealed class SystemCacheClock : ICacheClock, IDisposable
{
    private const uint StartOffset = 62;
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(200);

    private readonly long _startTimestamp;
    private readonly Timer _timer;
    private uint _currentTime;

    public SystemCacheClock()
    {
        ProcessStartedUnixTime = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - StartOffset;
        _startTimestamp = Stopwatch.GetTimestamp();
        _currentTime = StartOffset;
        _timer = new Timer(static state => ((SystemCacheClock)state!).Refresh(), this, RefreshInterval, RefreshInterval);
    }

    public uint CurrentTime => Volatile.Read(ref _currentTime);

    public long ProcessStartedUnixTime { get; }

    public void Dispose() => _timer.Dispose();

    private void Refresh()
    {
        long seconds = (long)Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds;
        Volatile.Write(ref _currentTime, (uint)(StartOffset + seconds));
    }
}
