using System.Text;
using Memgate.Proxy.Health;

namespace Memgate.Proxy.Tests.Health;

public sealed class RestartDetectorTests
{
    [Fact]
    public void Identity_is_read_from_a_stats_reply()
    {
        byte[] stats = Encoding.ASCII.GetBytes("STAT pid 4242\r\nSTAT uptime 100\r\nSTAT time 1700000100\r\nSTAT version 1.6.18\r\nSTAT curr_items 7\r\nEND\r\n");
        Assert.True(BackendIdentity.TryParse(stats, out BackendIdentity identity));
        Assert.Equal(new BackendIdentity(4242, 100, 1_700_000_100, 7), identity);
        Assert.Equal(1_700_000_000, identity.BootTime);
    }

    [Fact]
    public void A_reply_without_pid_has_no_identity() =>
        Assert.False(BackendIdentity.TryParse("STAT uptime 5\r\nEND\r\n"u8, out _));

    [Fact]
    public void First_look_at_an_empty_backend_says_so()
    {
        var detector = new RestartDetector();
        Assert.Equal(IdentityVerdict.FirstSeenEmpty, detector.Observe(new BackendIdentity(1, 10, 1010, 0)));
        Assert.Equal(IdentityVerdict.FirstSeen, new RestartDetector().Observe(new BackendIdentity(1, 10, 1010, 3)));
    }

    [Fact]
    public void Same_process_later_is_the_same()
    {
        var detector = new RestartDetector();
        detector.Observe(new BackendIdentity(1, 10, 1010, 3));
        Assert.Equal(IdentityVerdict.Same, detector.Observe(new BackendIdentity(1, 70, 1071, 0)));
        Assert.Equal(0, detector.Restarts);
    }

    [Theory]
    [InlineData(2, 80, 1080)] // new pid
    [InlineData(1, 5, 1075)] // same pid (container), uptime went backwards
    [InlineData(1, 100, 1200)] // same pid, uptime grew, but the process started 100 s later than the one seen before
    public void A_new_process_is_a_restart(long pid, long uptime, long time)
    {
        var detector = new RestartDetector();
        detector.Observe(new BackendIdentity(1, 60, 1060, 3));
        Assert.Equal(IdentityVerdict.Restarted, detector.Observe(new BackendIdentity(pid, uptime, time, 0)));
        Assert.Equal(1, detector.Restarts);
    }
}
