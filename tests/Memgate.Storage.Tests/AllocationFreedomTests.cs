namespace Memgate.Storage.Tests;

[Collection(nameof(MemoryMeasurement))]
public sealed class AllocationFreedomTests
{
    [Fact]
    public void Find_view_allocate_and_link_allocate_no_managed_memory()
    {
        using var engine = EngineFixture.Create(new ManualCacheClock(), new CacheOptions { MemoryLimitBytes = 4L * EngineFixture.Megabyte });
        var keys = Enumerable.Range(0, 1000).Select(i => EngineFixture.Bytes($"key-{i}")).ToArray();
        var value = new byte[200];

        RunCommands(engine, keys, value, rounds: 200);
        long before = GC.GetAllocatedBytesForCurrentThread();
        long checksum = RunCommands(engine, keys, value, rounds: 50);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(checksum > 0);
        Assert.Equal(0, allocated);
    }

    /// <summary>Overwrites, reads and deletes keys; enough rounds to fill the budget so eviction runs too.</summary>
    private static long RunCommands(CacheEngine engine, byte[][] keys, byte[] value, int rounds)
    {
        long checksum = 0;
        for (int round = 0; round < rounds; round++)
        {
            foreach (var key in keys)
            {
                using var cacheLock = engine.Lock();
                var old = cacheLock.Find(key, out _);
                if (!old.IsNone)
                {
                    checksum += cacheLock.View(old).Value.Length;
                    cacheLock.Bump(old, fetch: true);
                }

                if (cacheLock.Allocate(key, value.Length + (round % 50), 0, 0, out var item, old) == AllocationResult.Ok)
                {
                    value.CopyTo(cacheLock.ValueSpan(item));
                    cacheLock.Link(item);
                }
            }
        }

        return checksum;
    }
}
