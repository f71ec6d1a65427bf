using Memgate.Proxy.Routing;

namespace Memgate.Proxy.Tests.Routing;

public sealed class WriteFenceTests
{
    [Fact]
    public void A_write_in_flight_makes_the_mark_unquiet()
    {
        var fence = new WriteFence();
        int stripe = fence.Enter("k"u8);
        Assert.False(fence.Mark("k"u8).Quiet);
        fence.Exit(stripe);
        Assert.True(fence.Mark("k"u8).Quiet);
    }

    [Fact]
    public void A_write_started_after_the_mark_is_seen()
    {
        var fence = new WriteFence();
        FenceMark mark = fence.Mark("k"u8);
        Assert.True(fence.Unchanged(mark));
        fence.Exit(fence.Enter("k"u8));
        Assert.False(fence.Unchanged(mark));
    }

    [Fact]
    public void A_flush_all_fences_every_key()
    {
        var fence = new WriteFence();
        FenceMark mark = fence.Mark("any"u8);
        int all = fence.EnterAll();
        Assert.False(fence.Mark("other"u8).Quiet);
        fence.Exit(all);
        Assert.False(fence.Unchanged(mark));
    }
}
