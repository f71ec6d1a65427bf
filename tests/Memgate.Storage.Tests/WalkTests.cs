using System.Text;

namespace Memgate.Storage.Tests;

public sealed class WalkTests : IDisposable
{
    private readonly ManualCacheClock _clock = new();
    private readonly CacheEngine _engine;

    public WalkTests() => _engine = EngineFixture.Create(_clock);

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void Empty_engine_walk_finishes_without_visits()
    {
        var keys = WalkAll(chunksPerCall: 16);
        Assert.Empty(keys);
    }

    [Fact]
    public void Walk_visits_every_live_item_once_across_size_classes_and_large_items()
    {
        var expected = new HashSet<string>();
        for (int i = 0; i < 300; i++)
        {
            string key = "k" + i;
            _engine.Set(key, new string('v', i * 7));
            expected.Add(key);
        }

        _engine.Set("large", new string('L', 900 * 1024));
        expected.Add("large");

        var seen = WalkAll(chunksPerCall: 37);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(expected, seen.ToHashSet());
    }

    [Fact]
    public void Walk_skips_deleted_expired_and_flushed_items()
    {
        _engine.Set("kept", "1");
        _engine.Set("deleted", "2");
        _engine.Set("expiring", "3", expTime: _clock.CurrentTime + 5);
        _engine.Delete("deleted");
        _clock.Advance(10);
        Assert.Equal(["kept"], WalkAll(chunksPerCall: 1000));

        _engine.FlushAll(0);
        _engine.Set("after-flush", "4");
        Assert.Equal(["after-flush"], WalkAll(chunksPerCall: 1000));
    }

    [Fact]
    public void Visitor_sees_item_metadata()
    {
        ulong cas = _engine.Set("meta", "abc", flags: 7, expTime: 500);
        var visitor = new RecordingVisitor();
        var cursor = default(ItemWalkCursor);
        Assert.True(_engine.VisitItems(ref cursor, ref visitor, int.MaxValue));
        var item = Assert.Single(visitor.Items);
        Assert.Equal(("meta", 3, 7u, 500u, cas), item);
    }

    [Fact]
    public void Visitor_returning_false_ends_the_walk()
    {
        for (int i = 0; i < 10; i++)
        {
            _engine.Set("k" + i, "v");
        }

        var visitor = new RecordingVisitor { Limit = 3 };
        var cursor = default(ItemWalkCursor);
        Assert.True(_engine.VisitItems(ref cursor, ref visitor, 10_000));
        Assert.True(cursor.IsDone);
        Assert.Equal(3, visitor.Items.Count);
    }

    [Fact]
    public void Each_call_visits_at_most_the_given_number_of_chunks()
    {
        for (int i = 0; i < 50; i++)
        {
            _engine.Set("k" + i, "v");
        }

        var visitor = new RecordingVisitor();
        var cursor = default(ItemWalkCursor);
        int calls = 0;
        while (!_engine.VisitItems(ref cursor, ref visitor, 4) && calls < 1_000_000)
        {
            Assert.True(visitor.Items.Count <= 4 * (calls + 1));
            calls++;
        }

        Assert.Equal(50, visitor.Items.Count);
        Assert.True(calls >= 12);
    }

    [Fact]
    public void Walk_survives_pages_changing_class_between_calls()
    {
        // Fill a page of small items, stop the walk inside it, then free everything and refill the memory with items of
        // another size: the resumed walk must not read misaligned chunks.
        for (int i = 0; i < 2000; i++)
        {
            _engine.Set("small" + i, "x");
        }

        var visitor = new RecordingVisitor();
        var cursor = default(ItemWalkCursor);
        Assert.False(_engine.VisitItems(ref cursor, ref visitor, 10));
        Assert.True(_engine.TrySetMemoryLimit(0));
        Assert.True(_engine.TrySetMemoryLimit(64L * EngineFixture.Megabyte));
        for (int i = 0; i < 500; i++)
        {
            _engine.Set("big" + i, new string('y', 3000));
        }

        int calls = 0;
        while (!_engine.VisitItems(ref cursor, ref visitor, 64) && calls < 1_000_000)
        {
            calls++;
        }

        Assert.All(visitor.Items, item => Assert.True(item.Key.StartsWith("small", StringComparison.Ordinal) || item.ValueLength == 3000));
    }

    private List<string> WalkAll(int chunksPerCall)
    {
        var visitor = new RecordingVisitor();
        var cursor = default(ItemWalkCursor);
        int calls = 0;
        while (!_engine.VisitItems(ref cursor, ref visitor, chunksPerCall))
        {
            Assert.True(++calls < 1_000_000, "walk did not finish");
        }

        return visitor.Items.Select(i => i.Key).ToList();
    }

    private struct RecordingVisitor : IItemVisitor
    {
        public RecordingVisitor()
        {
        }

        public List<(string Key, int ValueLength, uint Flags, uint ExpTime, ulong Cas)> Items { get; } = [];

        public int Limit { get; init; } = int.MaxValue;

        public readonly bool Visit(in ItemView item)
        {
            Items.Add((Encoding.ASCII.GetString(item.Key), item.Value.Length, item.ClientFlags, item.ExpTime, item.Cas));
            return Items.Count < Limit;
        }
    }
}
