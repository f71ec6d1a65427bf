namespace Memgate.Storage.Tests;

public sealed class EvictionTests
{
    private readonly ManualCacheClock _clock = new();

    private static readonly byte[] Value100 = new byte[100];

    private CacheEngine Create(long memory, bool noEvictions = false, int maxItemSize = EngineFixture.Megabyte)
        => EngineFixture.Create(_clock, new CacheOptions
        {
            MemoryLimitBytes = memory,
            EvictionsDisabled = noEvictions,
            MaxItemSize = maxItemSize,
        });

    [Fact]
    public void Full_cache_evicts_and_counts_evictions_within_the_budget()
    {
        using var engine = Create(2 * EngineFixture.Megabyte);
        const int Inserted = 30_000;
        for (int i = 0; i < Inserted; i++)
        {
            Assert.Equal(AllocationResult.Ok, engine.TrySet($"key{i:D6}", Value100));
        }

        var stats = engine.GetStatistics();
        Assert.True(stats.TotalMalloced <= 2 * EngineFixture.Megabyte);
        Assert.True(stats.Evictions > 0);
        Assert.Equal(Inserted, stats.TotalItems);
        Assert.Equal(Inserted - stats.Evictions, stats.CurrItems);
        Assert.Equal(stats.Evictions, stats.EvictedUnfetched);
        var cls = Assert.Single(stats.Classes);
        Assert.Equal(stats.Evictions, cls.Evicted);
        Assert.Equal(cls.TotalChunks, cls.UsedChunks);
        Assert.NotNull(engine.Get($"key{Inserted - 1:D6}"));
        Assert.Null(engine.Get("key000000"));
    }

    [Fact]
    public void Referenced_item_gets_a_second_chance()
    {
        using var engine = Create(EngineFixture.Megabyte);
        int capacity = FillOnePage(engine);
        Assert.NotNull(engine.Get("fill0"));

        for (int i = 0; i < capacity / 2; i++)
        {
            Assert.Equal(AllocationResult.Ok, engine.TrySet($"more{i}", Value100));
        }

        Assert.NotNull(engine.Get("fill0"));
        Assert.Null(engine.Get("fill1"));
    }

    [Fact]
    public void Evictions_disabled_answers_out_of_memory_and_keeps_items()
    {
        using var engine = Create(EngineFixture.Megabyte, noEvictions: true);
        int stored = FillOnePage(engine);

        Assert.Equal(AllocationResult.OutOfMemory, engine.TrySet("one-more", Value100));
        var stats = engine.GetStatistics();
        Assert.Equal(0, stats.Evictions);
        Assert.Equal(1, stats.OutOfMemory);
        Assert.Equal(1, Assert.Single(stats.Classes).OutOfMemory);
        Assert.Equal(stored, stats.CurrItems);
        Assert.NotNull(engine.Get("fill0"));

        Assert.Equal(AllocationResult.OutOfMemory, engine.TrySet("other-class", new byte[5000]));
        Assert.Equal(2, engine.GetStatistics().OutOfMemory);
    }

    [Fact]
    public void Evictions_disabled_still_reuses_expired_items()
    {
        using var engine = Create(EngineFixture.Megabyte, noEvictions: true);
        FillOnePage(engine, expTime: _clock.CurrentTime + 5);
        _clock.Advance(5);

        Assert.Equal(AllocationResult.Ok, engine.TrySet("fresh", Value100));
        var stats = engine.GetStatistics();
        Assert.Equal(1, stats.Reclaimed);
        Assert.Equal(0, stats.Evictions);
    }

    [Fact]
    public void Expired_item_met_by_the_clock_is_reclaimed_instead_of_evicting()
    {
        using var engine = Create(EngineFixture.Megabyte);
        int capacity = FillOnePage(engine);
        Assert.NotNull(engine.Get("fill0"));
        using (var cacheLock = engine.Lock())
        {
            cacheLock.SetExpTime(cacheLock.Find("fill1"u8, out _), 1);
        }

        Assert.Equal(AllocationResult.Ok, engine.TrySet("fresh", Value100));
        var stats = engine.GetStatistics();
        Assert.Equal(0, stats.Evictions);
        Assert.Equal(1, stats.Reclaimed);
        Assert.Equal(1, stats.ExpiredUnfetched);
        Assert.Equal(capacity, stats.CurrItems);
        Assert.NotNull(engine.Get("fill0"));
    }

    [Fact]
    public void Keep_alive_item_is_never_evicted()
    {
        using var engine = Create(EngineFixture.Megabyte);
        FillOnePage(engine);
        engine.ResetStatistics();

        using (var cacheLock = engine.Lock())
        {
            // fill0 sits right under the CLOCK hand, so it would be the victim.
            var old = cacheLock.Find("fill0"u8, out _);
            Assert.Equal(AllocationResult.Ok, cacheLock.Allocate("fill0"u8, Value100.Length, 0, 0, out var item, keepAlive: old));
            Assert.Equal(Value100.Length, cacheLock.View(old).Value.Length);
            cacheLock.Link(item);
        }

        Assert.NotNull(engine.Get("fill0"));
        Assert.Null(engine.Get("fill1"));
        Assert.Equal(1, engine.GetStatistics().Evictions);
    }

    [Fact]
    public void Keep_alive_page_is_not_moved_to_another_class()
    {
        using var engine = Create(EngineFixture.Megabyte);
        Assert.Equal(AllocationResult.Ok, engine.TrySet("only", Value100));

        using var cacheLock = engine.Lock();
        var old = cacheLock.Find("only"u8, out _);
        Assert.Equal(AllocationResult.OutOfMemory, cacheLock.Allocate("only"u8, 5000, 0, 0, out _, keepAlive: old));
        Assert.Equal(LookupOutcome.Hit, Found(cacheLock, "only"u8));
    }

    [Fact]
    public void Class_without_pages_takes_a_page_from_another_class()
    {
        using var engine = Create(2 * EngineFixture.Megabyte);
        for (int i = 0; i < 20_000; i++)
        {
            engine.TrySet($"small{i}", Value100);
        }

        var before = engine.GetStatistics();
        Assert.Equal(2, Assert.Single(before.Classes).TotalPages);

        var big = new byte[10_000];
        Assert.Equal(AllocationResult.Ok, engine.TrySet("big", big));

        var after = engine.GetStatistics();
        Assert.Equal(1, after.SlabsMoved);
        Assert.True(after.Evictions > before.Evictions);
        Assert.True(after.TotalMalloced <= 2 * EngineFixture.Megabyte);
        Assert.Equal(2, after.Classes.Sum(c => c.TotalPages));
        Assert.Equal(big.Length, engine.Get("big")!.Length);
        Assert.Equal(after.CurrItems, after.Classes.Sum(c => c.Number));
        Assert.Equal(after.CurrItems, after.Classes.Sum(c => c.UsedChunks));
    }

    [Fact]
    public void Budget_below_one_page_stores_nothing()
    {
        using var engine = Create(EngineFixture.Megabyte - 1);
        Assert.Equal(AllocationResult.OutOfMemory, engine.TrySet("k", Value100));
        Assert.Equal(0, engine.GetStatistics().TotalMalloced);
    }

    [Fact]
    public void Lowering_the_memory_limit_evicts_pages_at_once()
    {
        using var engine = Create(8 * EngineFixture.Megabyte);
        for (int i = 0; i < 50_000; i++)
        {
            engine.TrySet($"k{i}", Value100);
        }

        Assert.Equal(8L * EngineFixture.Megabyte, engine.GetStatistics().TotalMalloced);
        Assert.True(engine.TrySetMemoryLimit(3 * EngineFixture.Megabyte));

        var stats = engine.GetStatistics();
        Assert.Equal(3L * EngineFixture.Megabyte, stats.TotalMalloced);
        Assert.Equal(3L * EngineFixture.Megabyte, stats.LimitMaxBytes);
        Assert.Equal(stats.CurrItems, stats.Classes.Sum(c => c.UsedChunks));
        Assert.Equal(AllocationResult.Ok, engine.TrySet("after", Value100));

        Assert.True(engine.TrySetMemoryLimit(16 * EngineFixture.Megabyte));
        for (int i = 0; i < 100_000; i++)
        {
            engine.TrySet($"again{i}", Value100);
        }

        Assert.Equal(16L * EngineFixture.Megabyte, engine.GetStatistics().TotalMalloced);
        Assert.False(engine.TrySetMemoryLimit(-1));
    }

    private static LookupOutcome Found(CacheLock cacheLock, ReadOnlySpan<byte> key)
    {
        cacheLock.Find(key, out var outcome);
        return outcome;
    }

    /// <summary>Fills the single page of a 1 MB cache with 100-byte values; returns how many fit.</summary>
    private static int FillOnePage(CacheEngine engine, uint expTime = 0)
    {
        int count = 0;
        while (engine.GetStatistics().Classes.FirstOrDefault() is not { } cls || cls.FreeChunks > 0 || count == 0)
        {
            Assert.Equal(AllocationResult.Ok, engine.TrySet($"fill{count}", Value100, expTime: expTime));
            count++;
        }

        Assert.Equal(0, engine.GetStatistics().Evictions);
        return count;
    }
}
