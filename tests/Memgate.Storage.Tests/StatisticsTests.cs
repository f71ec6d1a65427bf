namespace Memgate.Storage.Tests;

public sealed class StatisticsTests : IDisposable
{
    private readonly ManualCacheClock _clock = new();
    private readonly CacheEngine _engine;

    public StatisticsTests() => _engine = EngineFixture.Create(_clock, new CacheOptions { MemoryLimitBytes = 32L * EngineFixture.Megabyte });

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void Fresh_engine_reports_zero_counters_and_its_limits()
    {
        var stats = _engine.GetStatistics();
        Assert.Equal(0, stats.Bytes);
        Assert.Equal(0, stats.CurrItems);
        Assert.Equal(0, stats.TotalItems);
        Assert.Equal(0, stats.TotalMalloced);
        Assert.Equal(32L * EngineFixture.Megabyte, stats.LimitMaxBytes);
        Assert.Empty(stats.Classes);
        Assert.False(stats.HashIsExpanding);
    }

    [Fact]
    public void Bytes_items_and_pages_follow_stores_and_deletes()
    {
        _engine.Set("a", "12345");
        _engine.Set("b", "1234567890", flags: 3);
        _engine.Set("c", new string('x', 5000));

        var stats = _engine.GetStatistics();
        long expected = (48 + 8 + 1 + 1 + 5 + 2) + (48 + 8 + 1 + 1 + 4 + 10 + 2) + (48 + 8 + 1 + 1 + 5000 + 2);
        Assert.Equal(expected, stats.Bytes);
        Assert.Equal(3, stats.CurrItems);
        Assert.Equal(3, stats.TotalItems);
        Assert.Equal(2L * EngineFixture.Megabyte, stats.TotalMalloced);
        Assert.Equal(2, stats.Classes.Count);

        var small = stats.Classes[0];
        Assert.Equal(1, small.Id);
        Assert.Equal(80, small.ChunkSize);
        Assert.Equal(EngineFixture.Megabyte / 80, small.ChunksPerPage);
        Assert.Equal(1, small.TotalPages);
        Assert.Equal(2, small.UsedChunks);
        Assert.Equal(2, small.Number);
        Assert.Equal(small.TotalChunks - 2, small.FreeChunks);
        Assert.Equal((32 + 1 + 5) + (32 + 1 + 10), small.MemRequested);

        _engine.Delete("c");
        _engine.Delete("a");
        stats = _engine.GetStatistics();
        Assert.Equal(48 + 8 + 1 + 1 + 4 + 10 + 2, stats.Bytes);
        Assert.Equal(1, stats.CurrItems);
        Assert.Equal(3, stats.TotalItems);
    }

    [Fact]
    public void Changing_flags_of_a_linked_item_adjusts_bytes()
    {
        _engine.Set("a", "v");
        long before = _engine.GetStatistics().Bytes;
        using (var cacheLock = _engine.Lock())
        {
            cacheLock.SetClientFlags(cacheLock.Find("a"u8, out _), 9);
        }

        Assert.Equal(before + 4, _engine.GetStatistics().Bytes);
    }

    [Fact]
    public void Age_reports_seconds_since_the_oldest_access()
    {
        _engine.Set("a", "v");
        _clock.Advance(30);
        Assert.Equal(30, Assert.Single(_engine.GetStatistics().Classes).Age);
    }

    [Fact]
    public void Reset_clears_counters_but_not_current_contents()
    {
        using var engine = EngineFixture.Create(_clock, new CacheOptions { MemoryLimitBytes = EngineFixture.Megabyte });
        for (int i = 0; i < 20_000; i++)
        {
            engine.TrySet($"k{i}", new byte[10]);
        }

        engine.CrawlExpired(100);
        var before = engine.GetStatistics();
        Assert.True(before.Evictions > 0);
        Assert.True(before.CrawlerItemsChecked > 0);

        engine.ResetStatistics();
        var after = engine.GetStatistics();
        Assert.Equal(0, after.Evictions);
        Assert.Equal(0, after.TotalItems);
        Assert.Equal(0, after.EvictedUnfetched);
        Assert.Equal(0, after.CrawlerItemsChecked);
        Assert.Equal(0, after.LruCrawlerStarts);
        Assert.Equal(0, after.DirectReclaims);
        Assert.Equal(0, Assert.Single(after.Classes).Evicted);
        Assert.Equal(before.CurrItems, after.CurrItems);
        Assert.Equal(before.Bytes, after.Bytes);
        Assert.Equal(before.TotalMalloced, after.TotalMalloced);
    }
}
