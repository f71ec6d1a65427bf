using Memgate.Proxy.Configuration;
using Memgate.Proxy.Health;

namespace Memgate.Proxy.Tests.Health;

public sealed class BackendHealthTests
{
    private static BackendHealth Create() => new(new HealthSettings { TimeoutsToMarkDown = 3 });

    [Fact]
    public void Timeouts_make_a_backend_suspect_then_down_after_the_limit()
    {
        BackendHealth health = Create();

        health.OnTimeout();
        Assert.Equal(BackendState.Suspect, health.State);
        Assert.True(health.AllowsRequests);
        health.OnTimeout();
        health.OnTimeout();

        Assert.Equal(BackendState.Down, health.State);
        Assert.False(health.AllowsRequests);
        Assert.Equal(3, health.Counters.Timeouts);
    }

    [Fact]
    public void A_reply_clears_suspicion_and_the_timeout_count()
    {
        BackendHealth health = Create();
        health.OnTimeout();
        health.OnTimeout();

        health.OnReply(TimeSpan.FromMilliseconds(1));
        health.OnTimeout();
        health.OnTimeout();

        Assert.Equal(BackendState.Suspect, health.State);
    }

    [Fact]
    public void Connect_failure_is_a_hard_down_at_once()
    {
        BackendHealth health = Create();

        health.OnConnectFailed();

        Assert.Equal(BackendState.Down, health.State);
    }

    [Fact]
    public void Probe_cycle_goes_down_probing_up_and_counts_state_changes()
    {
        BackendHealth health = Create();
        var seen = new List<(BackendState, BackendState)>();
        health.StateChanged += (before, after) => seen.Add((before, after));
        health.OnConnectFailed();

        Assert.True(health.TryBeginProbe());
        Assert.False(health.AllowsRequests);
        health.EndProbe(succeeded: false);
        Assert.Equal(BackendState.Down, health.State);
        Assert.True(health.TryBeginProbe());
        health.EndProbe(succeeded: true);

        Assert.Equal(BackendState.Up, health.State);
        Assert.Equal(
            [(BackendState.Up, BackendState.Down), (BackendState.Down, BackendState.Probing), (BackendState.Probing, BackendState.Down),
             (BackendState.Down, BackendState.Probing), (BackendState.Probing, BackendState.Up)],
            seen);
        Assert.Equal(5, health.Counters.StateChanges);
        Assert.Equal(1, health.Counters.ProbeFailures);
    }

    [Fact]
    public void Probe_is_not_begun_for_a_backend_that_is_up()
    {
        Assert.False(Create().TryBeginProbe());
    }

    [Fact]
    public void Backoff_grows_by_the_multiplier_up_to_the_maximum_with_bounded_jitter()
    {
        var backoff = new ProbeBackoff(new HealthSettings { ProbeInitialMs = 100, ProbeMaxMs = 300, ProbeBackoffMultiplier = 2, ProbeJitter = 0.2 });

        Assert.InRange(backoff.Next().TotalMilliseconds, 100, 120);
        backoff.Grow();
        Assert.InRange(backoff.Next().TotalMilliseconds, 200, 240);
        backoff.Grow();
        backoff.Grow();
        Assert.InRange(backoff.Next().TotalMilliseconds, 300, 360);
        backoff.Reset();
        Assert.InRange(backoff.Next().TotalMilliseconds, 100, 120);
    }

    [Fact]
    public void Latency_counters_track_mean_and_max()
    {
        BackendHealth health = Create();

        health.OnReply(TimeSpan.FromMilliseconds(1));
        health.OnReply(TimeSpan.FromMilliseconds(3));

        Assert.Equal(2000, health.Counters.LatencyMeanMicros);
        Assert.Equal(3000, health.Counters.LatencyMaxMicros);
    }
}
