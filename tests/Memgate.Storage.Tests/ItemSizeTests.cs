namespace Memgate.Storage.Tests;

public sealed class ItemSizeTests
{
    private readonly ManualCacheClock _clock = new();

    [Fact]
    public void Values_up_to_memcacheds_limit_are_stored_and_larger_ones_are_too_large()
    {
        using var engine = EngineFixture.Create(_clock);
        // memcached's getset.t with -I 1m: 1,047,552 stores, 1,049,600 does not.
        Assert.Equal(AllocationResult.Ok, engine.TrySet("foo_1047552", new byte[1_047_552]));
        Assert.Equal(AllocationResult.TooLarge, engine.TrySet("foo_1049600", new byte[1_049_600]));
        Assert.Equal(1_047_552, engine.Get("foo_1047552")!.Length);
    }

    [Fact]
    public void Boundary_is_memcacheds_item_size_including_its_header()
    {
        using var engine = EngineFixture.Create(_clock);
        const string Key = "boundary";
        int largest = EngineFixture.Megabyte - (48 + 8 + Key.Length + 1 + 2);
        Assert.Equal(AllocationResult.TooLarge, engine.TrySet(Key, new byte[largest + 1]));
        Assert.Equal(AllocationResult.Ok, engine.TrySet(Key, new byte[largest]));
        Assert.Equal(AllocationResult.TooLarge, engine.TrySet(Key, new byte[largest], flags: 1));
    }

    [Fact]
    public void Smaller_max_item_size_limits_items()
    {
        using var engine = EngineFixture.Create(_clock, new CacheOptions { MaxItemSize = 1024 });
        Assert.Equal(AllocationResult.Ok, engine.TrySet("k", new byte[900]));
        Assert.Equal(AllocationResult.TooLarge, engine.TrySet("k", new byte[1000]));
        Assert.Equal(1024, engine.ChunkSizes[^1]);
    }

    [Fact]
    public void Items_larger_than_a_page_are_stored_and_count_against_the_budget()
    {
        using var engine = EngineFixture.Create(_clock, new CacheOptions
        {
            MaxItemSize = 4 * EngineFixture.Megabyte,
            MemoryLimitBytes = 8 * EngineFixture.Megabyte,
        });
        var value = new byte[3 * EngineFixture.Megabyte];
        new Random(7).NextBytes(value);
        Assert.Equal(AllocationResult.Ok, engine.TrySet("big0", value));

        using (var cacheLock = engine.Lock())
        {
            var view = cacheLock.View(cacheLock.Find("big0"u8, out _));
            Assert.True(view.Value.SequenceEqual(value));
            Assert.Equal(engine.ChunkSizes.Count + 1, view.SlabClass);
        }

        var stats = engine.GetStatistics();
        Assert.True(stats.TotalMalloced >= value.Length);
        var large = Assert.Single(stats.Classes);
        Assert.Equal(1, large.Number);

        for (int i = 1; i < 5; i++)
        {
            Assert.Equal(AllocationResult.Ok, engine.TrySet($"big{i}", value));
        }

        stats = engine.GetStatistics();
        Assert.True(stats.TotalMalloced <= 8 * EngineFixture.Megabyte);
        Assert.True(stats.Evictions >= 3);
        Assert.Equal(value.Length, engine.Get("big4")!.Length);
    }

    [Fact]
    public void Large_item_evicts_small_items_when_memory_is_taken()
    {
        using var engine = EngineFixture.Create(_clock, new CacheOptions
        {
            MaxItemSize = 4 * EngineFixture.Megabyte,
            MemoryLimitBytes = 4 * EngineFixture.Megabyte,
        });
        for (int i = 0; i < 40_000; i++)
        {
            engine.TrySet($"s{i}", new byte[100]);
        }

        Assert.Equal(AllocationResult.Ok, engine.TrySet("big", new byte[2 * EngineFixture.Megabyte]));
        var stats = engine.GetStatistics();
        Assert.True(stats.TotalMalloced <= 4 * EngineFixture.Megabyte);
        Assert.Equal(2 * EngineFixture.Megabyte, engine.Get("big")!.Length);
    }

    [Fact]
    public void Item_larger_than_the_whole_budget_is_out_of_memory()
    {
        using var engine = EngineFixture.Create(_clock, new CacheOptions
        {
            MaxItemSize = 8 * EngineFixture.Megabyte,
            MemoryLimitBytes = 2 * EngineFixture.Megabyte,
        });
        engine.Set("keep", "me");
        Assert.Equal(AllocationResult.OutOfMemory, engine.TrySet("huge", new byte[3 * EngineFixture.Megabyte]));
        Assert.Equal("me", engine.Get("keep"));
    }

    [Fact]
    public void Size_classes_grow_by_at_most_the_factor_and_waste_no_page_tail()
    {
        using var engine = EngineFixture.Create(_clock);
        var sizes = engine.ChunkSizes;
        Assert.Equal(EngineFixture.Megabyte, sizes[^1]);
        Assert.InRange(sizes[0], 80, 88);
        for (int i = 1; i < sizes.Count; i++)
        {
            Assert.Equal(0, sizes[i] % 8);
            Assert.True(sizes[i] > sizes[i - 1]);
            Assert.True(sizes[i] <= (sizes[i - 1] * 1.25) + 8 || EngineFixture.Megabyte / sizes[i] < EngineFixture.Megabyte / sizes[i - 1] - 0, $"class {i} grows too fast");

            // Widening: one more byte per chunk would fit one chunk less into the page.
            int perPage = EngineFixture.Megabyte / sizes[i];
            Assert.True(perPage * (sizes[i] + 8) > EngineFixture.Megabyte, $"class {i} ({sizes[i]} B) leaves a whole chunk's worth of page unused");
        }
    }

    [Fact]
    public void Hundred_kilobyte_items_fit_ten_to_a_page_like_memcached()
    {
        using var engine = EngineFixture.Create(_clock);
        int chunk = engine.ChunkSizes.First(size => size >= 100_000 + 64);
        Assert.Equal(10, EngineFixture.Megabyte / chunk);
    }
}
