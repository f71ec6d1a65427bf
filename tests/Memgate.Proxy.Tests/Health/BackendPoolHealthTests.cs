using System.Diagnostics;
using System.Text;
using Memgate.Proxy.Backends;
using Memgate.Proxy.Configuration;
using Memgate.Proxy.Health;
using Memgate.Proxy.Tests.Support;

namespace Memgate.Proxy.Tests.Health;

[Collection(RealProcessCollection.Name)]
public sealed class BackendPoolHealthTests
{
    private static readonly byte[] Version = Encoding.ASCII.GetBytes("version\r\n");
    private static readonly TimeoutSettings Timeouts = new() { ConnectMs = 250, RequestMs = 300 };
    private static readonly HealthSettings Health = new() { TimeoutsToMarkDown = 3, ProbeInitialMs = 100, ProbeMaxMs = 400, ProbeJitter = 0.1 };

    [Fact]
    public async Task Refused_backend_goes_down_at_once_fails_fast_and_a_probe_brings_it_back_after_restart()
    {
        int port = FreePort.Next();
        await using var pool = new BackendPool(new ServerEndpoint("127.0.0.1", port), 2, Timeouts, Health);

        using (BackendReply refused = await pool.SendAsync(Version, ReplyKind.Line))
        {
            Assert.Equal(BackendStatus.ConnectFailed, refused.Status);
        }

        Assert.False(pool.Health.AllowsRequests);
        var clock = Stopwatch.StartNew();
        using (BackendReply fast = await pool.SendAsync(Version, ReplyKind.Line))
        {
            Assert.Equal(BackendStatus.BackendDown, fast.Status);
        }

        Assert.True(clock.ElapsedMilliseconds < 50, $"fast failure took {clock.ElapsedMilliseconds} ms");

        using MemcachedProcess memcached = MemcachedProcess.Start(port);
        await WaitForState(pool.Health, BackendState.Up, TimeSpan.FromSeconds(5));

        using BackendReply back = await pool.SendAsync(Version, ReplyKind.Line);
        Assert.True(back.IsOk);
        Assert.True(pool.Health.Counters.Probes >= 1);
    }

    [Fact]
    public async Task Hung_backend_is_marked_down_after_consecutive_timeouts_and_up_again_after_it_resumes()
    {
        using MemcachedProcess memcached = MemcachedProcess.Start();
        await using var pool = new BackendPool(new ServerEndpoint("127.0.0.1", memcached.Port), 1, Timeouts, Health);
        using (BackendReply warm = await pool.SendAsync(Version, ReplyKind.Line))
        {
            Assert.True(warm.IsOk);
        }

        memcached.Pause();
        try
        {
            for (int i = 0; i < 3; i++)
            {
                using BackendReply reply = await pool.SendAsync(Version, ReplyKind.Line);
                Assert.Equal(BackendStatus.Timeout, reply.Status);
                Assert.Equal(i < 2 ? BackendState.Suspect : BackendState.Down, pool.Health.State);
            }

            using BackendReply fast = await pool.SendAsync(Version, ReplyKind.Line);
            Assert.Equal(BackendStatus.BackendDown, fast.Status);
        }
        finally
        {
            memcached.Resume();
        }

        await WaitForState(pool.Health, BackendState.Up, TimeSpan.FromSeconds(5));
        using BackendReply back = await pool.SendAsync(Version, ReplyKind.Line);
        Assert.True(back.IsOk);
    }

    private static async Task WaitForState(BackendHealth health, BackendState state, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (health.State != state)
        {
            Assert.True(clock.Elapsed < limit, $"still {health.State} after {limit.TotalSeconds} s");
            await Task.Delay(20);
        }
    }
}
