using System.Text;

namespace Memgate.Storage.Tests;

/// <summary>Shortcuts that perform one command each, the way the node's executor drives the engine.</summary>
internal static class EngineFixture
{
    public const int Megabyte = 1024 * 1024;

    public static CacheEngine Create(ManualCacheClock clock, CacheOptions? options = null)
        => new(options ?? new CacheOptions(), clock);

    public static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);

    public static AllocationResult TrySet(this CacheEngine engine, string key, byte[] value, uint flags = 0, uint expTime = 0)
    {
        using var cacheLock = engine.Lock();
        var result = cacheLock.Allocate(Bytes(key), value.Length, flags, expTime, out var item);
        if (result == AllocationResult.Ok)
        {
            value.CopyTo(cacheLock.ValueSpan(item));
            cacheLock.Link(item);
        }

        return result;
    }

    public static ulong Set(this CacheEngine engine, string key, string value, uint flags = 0, uint expTime = 0)
    {
        using var cacheLock = engine.Lock();
        Assert.Equal(AllocationResult.Ok, cacheLock.Allocate(Bytes(key), value.Length, flags, expTime, out var item));
        Encoding.ASCII.GetBytes(value).CopyTo(cacheLock.ValueSpan(item));
        return cacheLock.Link(item);
    }

    public static string? Get(this CacheEngine engine, string key) => engine.Get(key, out _);

    public static string? Get(this CacheEngine engine, string key, out LookupOutcome outcome)
    {
        using var cacheLock = engine.Lock();
        var item = cacheLock.Find(Bytes(key), out outcome);
        if (item.IsNone)
        {
            return null;
        }

        cacheLock.Bump(item, fetch: true);
        return Encoding.ASCII.GetString(cacheLock.View(item).Value);
    }

    public static ulong CasOf(this CacheEngine engine, string key)
    {
        using var cacheLock = engine.Lock();
        var item = cacheLock.Find(Bytes(key), out _);
        Assert.False(item.IsNone, $"{key} should exist");
        return cacheLock.View(item).Cas;
    }

    public static bool Delete(this CacheEngine engine, string key)
    {
        using var cacheLock = engine.Lock();
        var item = cacheLock.Find(Bytes(key), out _);
        if (item.IsNone)
        {
            return false;
        }

        cacheLock.Unlink(item);
        return true;
    }
}
