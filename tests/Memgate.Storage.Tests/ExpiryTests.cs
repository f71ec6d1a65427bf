namespace Memgate.Storage.Tests;

public sealed class ExpiryTests : IDisposable
{
    private const long ProcessStarted = 1_700_000_000;
    private readonly ManualCacheClock _clock = new(ProcessStarted, currentTime: 1000);
    private readonly CacheEngine _engine;

    public ExpiryTests() => _engine = EngineFixture.Create(_clock);

    public void Dispose() => _engine.Dispose();

    [Theory]
    [InlineData(0L, 0u)]
    [InlineData(1L, 1001u)]
    [InlineData(2592000L, 1000u + 2592000u)]
    [InlineData(ProcessStarted + 5000, 5000u)]
    [InlineData(ProcessStarted, 1u)]
    [InlineData(2592001L, 1u)]
    [InlineData(-1L, 1u)]
    [InlineData(long.MinValue, 1u)]
    public void Exptime_converts_like_memcached_realtime(long exptime, uint expected)
        => Assert.Equal(expected, _engine.ToRelativeExpTime(exptime));

    [Fact]
    public void Item_expires_when_its_time_arrives_and_is_reported_expired()
    {
        _engine.Set("ttl", "v", expTime: _engine.ToRelativeExpTime(5));
        _clock.Advance(4);
        Assert.Equal("v", _engine.Get("ttl"));

        _clock.Advance(1);
        Assert.Null(_engine.Get("ttl", out var outcome));
        Assert.Equal(LookupOutcome.Expired, outcome);
        Assert.Null(_engine.Get("ttl", out outcome));
        Assert.Equal(LookupOutcome.Miss, outcome);
        Assert.Equal(0, _engine.GetStatistics().CurrItems);
    }

    [Fact]
    public void Negative_exptime_stores_an_already_expired_item()
    {
        Assert.Equal(AllocationResult.Ok, _engine.TrySet("neg", [1], expTime: _engine.ToRelativeExpTime(-1)));
        Assert.Null(_engine.Get("neg", out var outcome));
        Assert.Equal(LookupOutcome.Expired, outcome);
    }

    [Fact]
    public void Absolute_exptime_in_the_future_expires_at_that_unix_time()
    {
        long unixNow = ProcessStarted + _clock.CurrentTime;
        _engine.Set("abs", "v", expTime: _engine.ToRelativeExpTime(unixNow + 3));
        _clock.Advance(2);
        Assert.Equal("v", _engine.Get("abs"));
        _clock.Advance(1);
        Assert.Null(_engine.Get("abs"));
    }

    [Fact]
    public void Zero_exptime_never_expires()
    {
        _engine.Set("forever", "v", expTime: _engine.ToRelativeExpTime(0));
        _clock.Advance(100_000_000);
        Assert.Equal("v", _engine.Get("forever"));
    }

    [Fact]
    public void Touch_with_new_exptime_extends_life()
    {
        _engine.Set("t", "v", expTime: _engine.ToRelativeExpTime(2));
        using (var cacheLock = _engine.Lock())
        {
            cacheLock.SetExpTime(cacheLock.Find("t"u8, out _), _engine.ToRelativeExpTime(100));
        }

        _clock.Advance(50);
        Assert.Equal("v", _engine.Get("t"));
    }

    [Fact]
    public void Crawler_reclaims_expired_items_and_counts_them()
    {
        for (int i = 0; i < 100; i++)
        {
            _engine.Set($"short{i}", "v", expTime: _engine.ToRelativeExpTime(10));
            _engine.Set($"long{i}", "v");
        }

        _clock.Advance(10);
        int reclaimed = 0;
        for (int pass = 0; pass < 50 && reclaimed < 100; pass++)
        {
            reclaimed += _engine.CrawlExpired(1000);
        }

        var stats = _engine.GetStatistics();
        Assert.Equal(100, reclaimed);
        Assert.Equal(100, stats.CurrItems);
        Assert.Equal(100, stats.CrawlerReclaimed);
        Assert.Equal(100, stats.ExpiredUnfetched);
        Assert.True(stats.CrawlerItemsChecked >= 200);
        Assert.True(stats.LruCrawlerStarts >= 1);
        Assert.Equal("v", _engine.Get("long5"));
    }

    [Fact]
    public void Crawler_work_is_bounded_per_call()
    {
        for (int i = 0; i < 1000; i++)
        {
            _engine.Set($"k{i}", "v", expTime: 1);
        }

        Assert.True(_engine.CrawlExpired(10) <= 10);
        Assert.True(_engine.GetStatistics().CrawlerItemsChecked <= 10);
    }
}
