using Memgate.Proxy.Configuration;
using Memgate.Proxy.Routing;

namespace Memgate.Proxy.Tests.Routing;

public sealed class WarmUpStateTests
{
    [Fact]
    public void Warming_ends_when_a_window_of_lookups_finds_almost_nothing_on_the_replica()
    {
        var state = new WarmUpState(new HealthSettings { WarmupWindowLookups = 10, WarmupExitHitPercent = 20 });
        state.BeginWarming();
        for (int i = 0; i < 10; i++)
        {
            state.RecordLookup(hit: i < 5);
        }

        Assert.Equal(WarmUpMode.Warming, state.Mode);
        for (int i = 0; i < 10; i++)
        {
            state.RecordLookup(hit: i == 0);
        }

        Assert.Equal(WarmUpMode.Off, state.Mode);
        Assert.Equal(20, state.Lookups);
        Assert.Equal(6, state.Hits);
    }

    [Fact]
    public void Verifying_ends_when_the_identity_is_confirmed_but_warming_does_not()
    {
        var state = new WarmUpState(new HealthSettings());
        state.BeginVerifying();
        Assert.True(state.IsActive);
        state.Verified();
        Assert.False(state.IsActive);

        state.BeginWarming();
        state.Verified();
        state.BeginVerifying();
        Assert.Equal(WarmUpMode.Warming, state.Mode);
    }

    [Fact]
    public void Zero_seconds_disables_warm_up()
    {
        var state = new WarmUpState(new HealthSettings { WarmupSeconds = 0 });
        state.BeginWarming();
        state.BeginVerifying();
        Assert.False(state.IsActive);
    }
}
