using Memgate.Server;
using Memgate.Storage;

namespace Memgate.Node.Commands;

/// <summary>
/// A connection's lru_crawler metadump in progress. memcached streams the dump from its crawler thread; here the
/// session writes it in steps between sends, so a dump of a large cache neither buffers everything nor holds the engine
/// lock for long. Commands pipelined after the metadump run once END has been written.
/// </summary>
internal sealed class MetadumpStream
{
    /// <summary>Chunks walked per engine lock.</summary>
    private const int ChunksPerStep = 512;

    private readonly bool[] _classes = new bool[CrawlerClassList.MaxClasses];
    private ItemWalkCursor _cursor;

    public bool IsActive { get; private set; }

    public void Start(ReadOnlySpan<bool> classes)
    {
        classes.CopyTo(_classes);
        _cursor = default;
        IsActive = true;
    }

    /// <summary>Writes dump lines until <paramref name="output"/> holds <paramref name="highWater"/> bytes; true once END is written.</summary>
    public bool Continue(NodeContext node, MemcachedSizing sizing, OutputBuffer output, int highWater)
    {
        var visitor = new MetadumpVisitor(output, sizing, _classes, node.Clock.ProcessStartedUnixTime);
        while (output.Length < highWater)
        {
            if (node.Engine.VisitItems(ref _cursor, ref visitor, ChunksPerStep))
            {
                output.Write("END\r\n"u8);
                IsActive = false;
                return true;
            }
        }

        return false;
    }
}
