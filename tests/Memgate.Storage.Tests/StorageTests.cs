using System.Text;

namespace Memgate.Storage.Tests;

public sealed class StorageTests : IDisposable
{
    private readonly ManualCacheClock _clock = new();
    private readonly CacheEngine _engine;

    public StorageTests() => _engine = EngineFixture.Create(_clock);

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void Linked_item_is_found_with_its_key_value_and_flags()
    {
        _engine.Set("alpha", "one", flags: 0xDEADBEEF, expTime: 500);

        using var cacheLock = _engine.Lock();
        var item = cacheLock.Find("alpha"u8, out var outcome);
        Assert.Equal(LookupOutcome.Hit, outcome);
        var view = cacheLock.View(item);
        Assert.Equal("alpha", Encoding.ASCII.GetString(view.Key));
        Assert.Equal("one", Encoding.ASCII.GetString(view.Value));
        Assert.Equal(0xDEADBEEF, view.ClientFlags);
        Assert.Equal(500u, view.ExpTime);
        Assert.Equal(_clock.CurrentTime, view.StoredAt);
        Assert.False(view.Fetched);
    }

    [Fact]
    public void Missing_key_is_a_miss()
    {
        _engine.Set("present", "x");
        Assert.Null(_engine.Get("absent", out var outcome));
        Assert.Equal(LookupOutcome.Miss, outcome);
    }

    [Fact]
    public void Unlinked_item_is_not_visible()
    {
        using var cacheLock = _engine.Lock();
        Assert.Equal(AllocationResult.Ok, cacheLock.Allocate("pending"u8, 3, 0, 0, out var item));
        Assert.True(cacheLock.Find("pending"u8, out var outcome).IsNone);
        Assert.Equal(LookupOutcome.Miss, outcome);
        cacheLock.Free(item);
    }

    [Fact]
    public void Link_replaces_the_item_with_the_same_key_and_frees_it()
    {
        _engine.Set("k", "first");
        _engine.Set("k", "second value");

        Assert.Equal("second value", _engine.Get("k"));
        var stats = _engine.GetStatistics();
        Assert.Equal(1, stats.CurrItems);
        Assert.Equal(2, stats.TotalItems);
        Assert.Equal(1, stats.Classes.Sum(c => c.UsedChunks));
    }

    [Fact]
    public void Unlink_deletes_the_item()
    {
        _engine.Set("gone", "soon");
        Assert.True(_engine.Delete("gone"));
        Assert.Null(_engine.Get("gone"));
        Assert.False(_engine.Delete("gone"));
        Assert.Equal(0, _engine.GetStatistics().CurrItems);
    }

    [Fact]
    public void Item_allocated_but_not_linked_is_freed_when_the_lock_is_released()
    {
        using (var cacheLock = _engine.Lock())
        {
            Assert.Equal(AllocationResult.Ok, cacheLock.Allocate("leak"u8, 10, 0, 0, out _));
        }

        Assert.Equal(0, _engine.GetStatistics().Classes.Sum(c => c.UsedChunks));
    }

    [Fact]
    public void Append_copies_from_the_old_item_while_both_exist()
    {
        _engine.Set("log", "abc");
        using (var cacheLock = _engine.Lock())
        {
            var old = cacheLock.Find("log"u8, out _);
            int oldLength = cacheLock.View(old).Value.Length;
            Assert.Equal(AllocationResult.Ok, cacheLock.Allocate("log"u8, oldLength + 3, 0, 0, out var item, keepAlive: old));
            var value = cacheLock.ValueSpan(item);
            cacheLock.View(old).Value.CopyTo(value);
            "def"u8.CopyTo(value[oldLength..]);
            cacheLock.Link(item);
        }

        Assert.Equal("abcdef", _engine.Get("log"));
    }

    [Fact]
    public void Bump_sets_fetched_and_last_access()
    {
        _engine.Set("k", "v");
        _clock.Advance(10);
        Assert.Equal("v", _engine.Get("k"));

        using var cacheLock = _engine.Lock();
        var view = cacheLock.View(cacheLock.Find("k"u8, out _));
        Assert.True(view.Fetched);
        Assert.Equal(_clock.CurrentTime, view.LastAccess);
        Assert.Equal(_clock.CurrentTime - 10, view.StoredAt);
    }

    [Fact]
    public void Meta_bits_and_setters_round_trip()
    {
        _engine.Set("meta", "v", flags: 1);
        using var cacheLock = _engine.Lock();
        var item = cacheLock.Find("meta"u8, out _);
        cacheLock.SetStale(item, true);
        cacheLock.SetWinTokenSent(item, true);
        cacheLock.SetExpTime(item, 1234);
        cacheLock.SetClientFlags(item, 0);
        cacheLock.Bump(item, fetch: false);

        var view = cacheLock.View(item);
        Assert.True(view.Stale);
        Assert.True(view.WinTokenSent);
        Assert.False(view.Fetched);
        Assert.Equal(1234u, view.ExpTime);
        Assert.Equal(0u, view.ClientFlags);
        Assert.Equal(_clock.CurrentTime, view.LastAccess);

        cacheLock.SetWinTokenSent(item, false);
        cacheLock.SetStale(item, false);
        view = cacheLock.View(item);
        Assert.False(view.WinTokenSent);
        Assert.False(view.Stale);
        Assert.Equal(_clock.CurrentTime, view.LastAccess);
    }

    [Fact]
    public void Empty_value_is_stored()
    {
        _engine.Set("empty", "");
        Assert.Equal("", _engine.Get("empty"));
    }

    [Fact]
    public void Total_size_is_counted_like_memcached()
    {
        _engine.Set("key", "value", flags: 0);
        _engine.Set("flagged", "value", flags: 7);
        using var cacheLock = _engine.Lock();
        // memcached ITEM_ntotal: 48 + 8 (cas) + key + 1 + (flags ? 4 : 0) + value + 2
        Assert.Equal(48 + 8 + 3 + 1 + 5 + 2, cacheLock.View(cacheLock.Find("key"u8, out _)).TotalSize);
        Assert.Equal(48 + 8 + 7 + 1 + 4 + 5 + 2, cacheLock.View(cacheLock.Find("flagged"u8, out _)).TotalSize);
    }

    [Fact]
    public void Free_of_a_linked_item_is_rejected()
    {
        _engine.Set("k", "v");
        using var cacheLock = _engine.Lock();
        var item = cacheLock.Find("k"u8, out _);
        bool threw = false;
        try
        {
            cacheLock.Free(item);
        }
        catch (InvalidOperationException)
        {
            threw = true;
        }

        Assert.True(threw);
    }

    [Fact]
    public void Lock_after_dispose_throws()
    {
        var engine = EngineFixture.Create(_clock);
        engine.Dispose();
        Assert.Throws<ObjectDisposedException>(() => { using var cacheLock = engine.Lock(); });
    }
}
