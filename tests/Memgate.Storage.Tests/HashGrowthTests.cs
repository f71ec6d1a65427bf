namespace Memgate.Storage.Tests;

public sealed class HashGrowthTests
{
    [Fact]
    public void Hash_table_doubles_past_one_and_a_half_items_per_bucket_and_keeps_every_item()
    {
        using var engine = EngineFixture.Create(new ManualCacheClock(), new CacheOptions
        {
            MemoryLimitBytes = 64L * EngineFixture.Megabyte,
            HashPower = 16,
        });
        var initial = engine.GetStatistics();
        Assert.Equal(16, initial.HashPowerLevel);
        Assert.Equal(4L << 16, initial.HashBytes);

        const int Count = 200_000;
        var value = new byte[16];
        for (int i = 0; i < Count; i++)
        {
            Assert.Equal(AllocationResult.Ok, engine.TrySet($"item:{i}", value));
        }

        var stats = engine.GetStatistics();
        Assert.Equal(Count, stats.CurrItems);
        Assert.Equal(0, stats.Evictions);
        Assert.Equal(18, stats.HashPowerLevel);

        for (int i = 0; i < Count; i += 7)
        {
            Assert.NotNull(engine.Get($"item:{i}"));
        }

        engine.CrawlExpired(1 << 20);
        stats = engine.GetStatistics();
        Assert.False(stats.HashIsExpanding);
        Assert.Equal(4L << 18, stats.HashBytes);
        for (int i = 0; i < Count; i++)
        {
            Assert.True(engine.Delete($"item:{i}"), $"item:{i}");
        }

        Assert.Equal(0, engine.GetStatistics().CurrItems);
    }

    [Fact]
    public void Expansion_in_progress_is_reported_and_lookups_still_work()
    {
        using var engine = EngineFixture.Create(new ManualCacheClock(), new CacheOptions { HashPower = 4 });
        int i = 0;
        while (!engine.GetStatistics().HashIsExpanding)
        {
            engine.Set($"k{i++}", "v");
            Assert.True(i < 100, "expansion should start after 24 items");
        }

        var stats = engine.GetStatistics();
        Assert.Equal(25, i);
        Assert.Equal(5, stats.HashPowerLevel);
        Assert.Equal((4L << 5) + (4L << 4), stats.HashBytes);
        for (int k = 0; k < i; k++)
        {
            Assert.Equal("v", engine.Get($"k{k}"));
        }
    }
}
