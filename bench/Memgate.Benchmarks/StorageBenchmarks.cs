using BenchmarkDotNet.Attributes;
using Memgate.Storage;
using static Memgate.Benchmarks.BenchmarkInputs;

namespace Memgate.Benchmarks;

/// <summary>The engine alone, under its lock: lookups and replacing a value. Must allocate nothing.</summary>
[MemoryDiagnoser]
public class StorageBenchmarks
{
    private SystemCacheClock? _clock;
    private CacheEngine? _engine;
    private byte[] _hotKey = [];
    private byte[] _missingKey = [];
    private byte[] _value = [];

    [GlobalSetup]
    public void Setup()
    {
        _engine = new CacheEngine(new CacheOptions(), _clock = new SystemCacheClock());
        _hotKey = Ascii(HotKey);
        _missingKey = Ascii(MissingKey);
        _value = Ascii(Value32);

        // A populated table, so lookups walk realistic buckets.
        for (int i = 0; i < 50_000; i++)
        {
            Store(Ascii($"memgate:{i:D8}"));
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _engine?.Dispose();
        _clock?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int Find_hit()
    {
        using var cache = _engine!.Lock();
        var item = cache.Find(_hotKey, out _);
        return cache.View(item).Value.Length;
    }

    [Benchmark]
    public bool Find_miss()
    {
        using var cache = _engine!.Lock();
        return cache.Find(_missingKey, out _).IsNone;
    }

    /// <summary>A set of an existing key: allocate the new item, copy the value, link it (frees the old one).</summary>
    [Benchmark]
    public ulong Allocate_and_link() => Store(_hotKey);

    private ulong Store(byte[] key)
    {
        using var cache = _engine!.Lock();
        if (cache.Allocate(key, _value.Length, 0, 0, out var item) != AllocationResult.Ok)
        {
            return 0;
        }

        _value.CopyTo(cache.ValueSpan(item));
        return cache.Link(item);
    }
}
