namespace Memgate.Storage.Tests;

public sealed class FlushTests : IDisposable
{
    private readonly ManualCacheClock _clock = new();
    private readonly CacheEngine _engine;

    public FlushTests() => _engine = EngineFixture.Create(_clock);

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void Flush_all_hides_existing_items_and_reports_flushed()
    {
        _engine.Set("a", "1");
        _engine.Set("b", "2");
        _engine.FlushAll(0);

        Assert.Null(_engine.Get("a", out var outcome));
        Assert.Equal(LookupOutcome.Flushed, outcome);
        Assert.Null(_engine.Get("b"));
    }

    [Fact]
    public void Item_set_in_the_same_second_after_flush_all_is_visible()
    {
        _engine.Set("a", "old");
        _engine.FlushAll(0);
        _engine.Set("a", "new");
        _engine.Set("b", "new");

        Assert.Equal("new", _engine.Get("a"));
        Assert.Equal("new", _engine.Get("b"));
    }

    [Fact]
    public void Flush_all_works_without_cas()
    {
        using var engine = EngineFixture.Create(_clock, new CacheOptions { CasDisabled = true });
        engine.Set("a", "old");
        engine.FlushAll(0);
        Assert.Null(engine.Get("a"));
        engine.Set("a", "new");
        Assert.Equal("new", engine.Get("a"));
    }

    [Fact]
    public void Delayed_flush_takes_effect_at_its_time()
    {
        _engine.Set("a", "1");
        _engine.FlushAll(_clock.CurrentTime + 10);
        _clock.Advance(5);
        _engine.Set("b", "2");
        Assert.Equal("1", _engine.Get("a"));

        _clock.Advance(5);
        Assert.Null(_engine.Get("a", out var outcome));
        Assert.Equal(LookupOutcome.Flushed, outcome);
        Assert.Null(_engine.Get("b"));

        _engine.Set("c", "3");
        _clock.Advance(100);
        Assert.Equal("3", _engine.Get("c"));
    }

    [Fact]
    public void Later_flush_all_replaces_a_pending_one()
    {
        _engine.Set("a", "1");
        _engine.FlushAll(_clock.CurrentTime + 10);
        _engine.FlushAll(_clock.CurrentTime + 100);
        _clock.Advance(50);
        Assert.Equal("1", _engine.Get("a"));
        _clock.Advance(50);
        Assert.Null(_engine.Get("a"));
    }

    [Fact]
    public void Flushed_items_stay_flushed_after_a_later_delayed_flush_is_scheduled()
    {
        _engine.Set("a", "1");
        _engine.FlushAll(0);
        _engine.FlushAll(_clock.CurrentTime + 100);
        Assert.Null(_engine.Get("a"));
    }

    [Fact]
    public void Crawler_reclaims_flushed_items()
    {
        for (int i = 0; i < 50; i++)
        {
            _engine.Set($"k{i}", "v");
        }

        _engine.FlushAll(0);
        Assert.Equal(50, _engine.CrawlExpired(10_000));
        var stats = _engine.GetStatistics();
        Assert.Equal(0, stats.CurrItems);
        Assert.Equal(0, stats.ExpiredUnfetched);
    }
}
