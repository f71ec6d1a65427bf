namespace Memgate.Storage.Tests;

public sealed class CasTests : IDisposable
{
    private readonly ManualCacheClock _clock = new();
    private readonly CacheEngine _engine;

    public CasTests() => _engine = EngineFixture.Create(_clock);

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void Every_link_gets_a_new_unique_cas()
    {
        var seen = new HashSet<ulong>();
        for (int i = 0; i < 1000; i++)
        {
            ulong cas = _engine.Set($"k{i % 10}", "v");
            Assert.NotEqual(0UL, cas);
            Assert.True(seen.Add(cas));
        }

        Assert.Equal(_engine.CasOf("k9"), seen.Max());
    }

    [Fact]
    public void Explicit_cas_is_kept()
    {
        using var cacheLock = _engine.Lock();
        cacheLock.Allocate("k"u8, 1, 0, 0, out var item);
        Assert.Equal(987654321UL, cacheLock.Link(item, 987654321UL));
        Assert.Equal(987654321UL, cacheLock.View(item).Cas);
    }

    [Fact]
    public void Set_cas_assigns_a_fresh_value_from_the_counter()
    {
        ulong first = _engine.Set("k", "v");
        using var cacheLock = _engine.Lock();
        var item = cacheLock.Find("k"u8, out _);
        ulong second = cacheLock.SetCas(item);
        Assert.True(second > first);
        Assert.Equal(second, cacheLock.View(item).Cas);
        Assert.Equal(42UL, cacheLock.SetCas(item, 42));
        Assert.Equal(42UL, cacheLock.View(item).Cas);
    }

    [Fact]
    public void Cas_reads_zero_when_disabled()
    {
        using var engine = EngineFixture.Create(_clock, new CacheOptions { CasDisabled = true });
        Assert.Equal(0UL, engine.Set("k", "v"));
        Assert.Equal(0UL, engine.CasOf("k"));
        using var cacheLock = engine.Lock();
        var item = cacheLock.Find("k"u8, out _);
        Assert.Equal(0UL, cacheLock.SetCas(item));
        Assert.Equal(48 + 1 + 1 + 1 + 2, cacheLock.View(item).TotalSize);
    }
}
