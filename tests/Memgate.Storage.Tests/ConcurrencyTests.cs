using System.Text;

namespace Memgate.Storage.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public void Threads_setting_getting_and_deleting_keep_the_engine_consistent()
    {
        using var engine = EngineFixture.Create(new ManualCacheClock(), new CacheOptions { MemoryLimitBytes = 3L * EngineFixture.Megabyte });
        const int Threads = 4;
        const int OperationsPerThread = 20_000;
        const int Keys = 50_000;
        int corrupt = 0;

        var workers = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            var random = new Random(t);
            var key = new byte[16];
            for (int op = 0; op < OperationsPerThread; op++)
            {
                int id = random.Next(Keys);
                int keyLength = Encoding.ASCII.GetBytes($"key:{id}", key);
                var keySpan = key.AsSpan(0, keyLength);
                int valueLength = 40 + (id % 40);
                using var cacheLock = engine.Lock();
                switch (random.Next(4))
                {
                    case 0:
                    case 1:
                        if (cacheLock.Allocate(keySpan, valueLength, (uint)id, 0, out var item) == AllocationResult.Ok)
                        {
                            cacheLock.ValueSpan(item).Fill((byte)id);
                            cacheLock.Link(item);
                        }

                        break;
                    case 2:
                        var found = cacheLock.Find(keySpan, out _);
                        if (!found.IsNone)
                        {
                            var view = cacheLock.View(found);
                            if (view.ClientFlags != id || view.Value.Length != valueLength || view.Value.ContainsAnyExcept((byte)id))
                            {
                                Interlocked.Increment(ref corrupt);
                            }

                            cacheLock.Bump(found, fetch: true);
                        }

                        break;
                    default:
                        var victim = cacheLock.Find(keySpan, out _);
                        if (!victim.IsNone)
                        {
                            cacheLock.Unlink(victim);
                        }

                        break;
                }
            }
        })).ToArray();

        foreach (var worker in workers)
        {
            worker.Start();
        }

        Assert.All(workers, worker => Assert.True(worker.Join(TimeSpan.FromMinutes(2))));
        Assert.Equal(0, corrupt);
        var stats = engine.GetStatistics();
        Assert.True(stats.TotalMalloced <= 3L * EngineFixture.Megabyte);
        Assert.True(stats.Evictions > 0);
        Assert.Equal(stats.CurrItems, stats.Classes.Sum(c => c.Number));
        Assert.Equal(stats.CurrItems, stats.Classes.Sum(c => c.UsedChunks));
        Assert.Equal(stats.CurrItems, Enumerable.Range(0, Keys).Count(id => engine.Get($"key:{id}") != null));
    }
}
