using Memgate.Server;
using Memgate.Storage;

namespace Memgate.Node.Stats;

/// <summary>Writes the <c>ITEM</c> lines of stats cachedump for one class, stopping at the item limit or the byte budget.</summary>
internal struct CacheDumpVisitor(OutputBuffer output, MemcachedSizing sizing, int classId, uint limit, int maxBytes, long processStarted)
    : IItemVisitor
{
    private readonly int _start = output.Length;
    private uint _shown;

    public bool Visit(in ItemView item)
    {
        // memcached never prints binary keys here; metadump (url-encoded) is the way to see them.
        if (item.KeyIsBinary || sizing.ClassOf(sizing.ItemTotal(item.Key.Length, item.Value.Length, item.ClientFlags)) != classId)
        {
            return true;
        }

        int mark = output.Length;
        output.Write("ITEM "u8);
        output.Write(item.Key);
        output.Write(" ["u8);
        output.WriteNumber((ulong)item.Value.Length);
        output.Write(" b; "u8);
        output.WriteNumber(item.ExpTime == 0 ? 0 : item.ExpTime + processStarted);
        output.Write(" s]\r\n"u8);
        if (output.Length - _start > maxBytes)
        {
            // Like memcached, a line that would overflow the buffer is dropped and the dump ends.
            output.Truncate(mark);
            return false;
        }

        _shown++;
        return limit == 0 || _shown < limit;
    }
}
