using Memgate.Node.Commands;
using Memgate.Protocol.Text;
using Memgate.Server;
using Memgate.Storage;

namespace Memgate.Node.Stats;

/// <summary>
/// stats cachedump &lt;class&gt; &lt;limit&gt;: <c>ITEM &lt;key&gt; [&lt;value bytes&gt; b; &lt;expiry unix time or 0&gt; s]</c> lines
/// for the items of one memcached slab class, then END, in at most 2 MB (memcached's buffer) and at most
/// <c>limit</c> items (0 = no limit).
/// </summary>
/// <remarks>
/// Class ids are memcached's (<see cref="MemcachedSizing"/>), the same as "me" and metadump report. memcached lists its
/// COLD LRU newest first; memgate lists the class in memory order and includes items not yet moved out of HOT/WARM.
/// Keys stored in binary form (meta b flag) are skipped, as memcached does.
/// </remarks>
internal static class CacheDump
{
    /// <summary>memcached's item_cachedump buffer: the reply, END included, stays below this.</summary>
    private const int MaxReplyBytes = 2 * 1024 * 1024;

    private const int ChunksPerStep = 4096;

    public static void Write(NodeContext node, MemcachedSizing sizing, ref TokenReader args, OutputBuffer output)
    {
        if (node.Settings.DumpDisabled)
        {
            output.Write(TextReplies.StatsCachedumpNotAllowed);
            return;
        }

        if (!args.TryRead(out var classToken) || !args.TryRead(out var limitToken))
        {
            output.Write("CLIENT_ERROR bad command line\r\n"u8);
            return;
        }

        if (!NumberParser.TryParseUInt32(classToken, out uint classId) || !NumberParser.TryParseUInt32(limitToken, out uint limit))
        {
            output.Write(TextReplies.BadCommandLineFormat);
            return;
        }

        if (classId >= CrawlerClassList.MaxClasses)
        {
            output.Write(TextReplies.IllegalSlabId);
            return;
        }

        var visitor = new CacheDumpVisitor(output, sizing, (int)classId, limit, MaxReplyBytes - 6, node.Clock.ProcessStartedUnixTime);
        var cursor = default(ItemWalkCursor);
        while (!node.Engine.VisitItems(ref cursor, ref visitor, ChunksPerStep))
        {
        }

        output.Write("END\r\n"u8);
    }
}
