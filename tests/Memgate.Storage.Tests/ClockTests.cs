namespace Memgate.Storage.Tests;

public sealed class ClockTests
{
    [Fact]
    public void System_clock_starts_62_seconds_after_process_start_like_memcached()
    {
        using var clock = new SystemCacheClock();
        long unixNow = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.InRange(clock.CurrentTime, 62u, 63u);
        Assert.InRange(clock.ProcessStartedUnixTime, unixNow - 63, unixNow - 61);
    }

    [Fact]
    public void System_clock_ticks()
    {
        using var clock = new SystemCacheClock();
        uint start = clock.CurrentTime;
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (clock.CurrentTime == start && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(50);
        }

        Assert.Equal(start + 1, clock.CurrentTime);
    }

    [Fact]
    public void Manual_clock_moves_only_when_advanced()
    {
        var clock = new ManualCacheClock(1000, 62);
        Assert.Equal(62u, clock.CurrentTime);
        clock.Advance(5);
        Assert.Equal(67u, clock.CurrentTime);
        Assert.Equal(1067, clock.UnixTime);
    }
}
