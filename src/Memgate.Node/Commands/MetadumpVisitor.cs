using Memgate.Server;
using Memgate.Storage;

namespace Memgate.Node.Commands;

/// <summary>
/// Writes one lru_crawler metadump line per item of the selected classes, in memcached's format:
/// <c>key=&lt;uriencoded&gt; exp=&lt;-1|unix time&gt; la=&lt;unix time&gt; cas=&lt;n&gt; fetch=&lt;yes|no&gt; cls=&lt;id&gt; size=&lt;bytes&gt;\n</c>
/// (lines end with a bare newline; only the final END has \r\n).
/// </summary>
internal readonly struct MetadumpVisitor(OutputBuffer output, MemcachedSizing sizing, bool[] classes, long processStarted) : IItemVisitor
{
    public bool Visit(in ItemView item)
    {
        int total = sizing.ItemTotal(item.Key.Length, item.Value.Length, item.ClientFlags);
        int classId = sizing.ClassOf(total);
        if (!classes[classId])
        {
            return true;
        }

        output.Write("key="u8);
        UriEncoding.Write(item.Key, output);
        output.Write(" exp="u8);
        if (item.ExpTime == 0)
        {
            output.Write("-1"u8);
        }
        else
        {
            output.WriteNumber(item.ExpTime + processStarted);
        }

        output.Write(" la="u8);
        output.WriteNumber(item.LastAccess + processStarted);
        output.Write(" cas="u8);
        output.WriteNumber(item.Cas);
        output.Write(item.Fetched ? " fetch=yes cls="u8 : " fetch=no cls="u8);
        output.WriteNumber((ulong)classId);
        output.Write(" size="u8);
        output.WriteNumber((ulong)total);
        output.Write("\n"u8);
        return true;
    }
}
