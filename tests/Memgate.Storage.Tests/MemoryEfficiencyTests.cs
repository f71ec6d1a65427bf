using Xunit.Abstractions;

namespace Memgate.Storage.Tests;

/// <summary>Runs alone: it measures the GC heap, which parallel tests would disturb.</summary>
[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement;

[Collection(nameof(MemoryMeasurement))]
public sealed class MemoryEfficiencyTests(ITestOutputHelper output)
{
    [Fact]
    public void Million_small_items_cost_at_most_90_bytes_each_including_the_index_and_no_gc_heap()
    {
        const int Count = 1_000_000;
        using var engine = EngineFixture.Create(new ManualCacheClock(), new CacheOptions { MemoryLimitBytes = 256L * EngineFixture.Megabyte });
        var key = new byte[16];
        var value = new byte[32];
        long heapBefore = GC.GetTotalMemory(forceFullCollection: true);

        for (int i = 0; i < Count; i++)
        {
            FormatKey(key, i);
            using var cacheLock = engine.Lock();
            Assert.Equal(AllocationResult.Ok, cacheLock.Allocate(key, value.Length, 0, 0, out var item));
            value.CopyTo(cacheLock.ValueSpan(item));
            cacheLock.Link(item);
        }

        long heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        var stats = engine.GetStatistics();
        Assert.Equal(Count, stats.CurrItems);
        Assert.Equal(0, stats.Evictions);

        double bytesPerItem = (double)(stats.TotalMalloced + stats.HashBytes) / Count;
        output.WriteLine($"{bytesPerItem:F2} B/item (pages {stats.TotalMalloced}, hash {stats.HashBytes}); GC heap +{heapAfter - heapBefore} B");
        Assert.True(bytesPerItem <= 90, $"{bytesPerItem:F1} bytes per item");
        Assert.True(heapAfter - heapBefore < 4L * EngineFixture.Megabyte, $"GC heap grew by {heapAfter - heapBefore} bytes");

        for (int i = 0; i < Count; i += 9973)
        {
            FormatKey(key, i);
            using var cacheLock = engine.Lock();
            Assert.False(cacheLock.Find(key, out _).IsNone);
        }
    }

    private static void FormatKey(byte[] key, int i)
    {
        "key:"u8.CopyTo(key);
        for (int digit = key.Length - 1; digit >= 4; digit--, i /= 10)
        {
            key[digit] = (byte)('0' + (i % 10));
        }
    }
}
