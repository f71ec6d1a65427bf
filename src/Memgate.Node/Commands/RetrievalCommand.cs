using Memgate.Protocol.Text;
using Memgate.Server;
using Memgate.Storage;

namespace Memgate.Node.Commands;

/// <summary>get, gets, gat, gats (and bget): VALUE lines for hits, END at the end.</summary>
internal static class RetrievalCommand
{
    public static void Execute(NodeContext node, ref TextRequest request, OutputBuffer output)
    {
        bool withCas = request.Command is TextCommand.Gets or TextCommand.Gats;
        bool touch = request.Command is TextCommand.Gat or TextCommand.Gats;
        uint expTime = touch ? node.Engine.ToRelativeExpTime(request.ExpTime) : 0;
        var stats = node.Statistics;
        var keys = new TokenReader(request.Arguments);
        while (keys.TryRead(out var key))
        {
            Interlocked.Increment(ref stats.CmdGet);
            bool hit = WriteIfPresent(node, key, touch, expTime, withCas, output);
            if (touch)
            {
                Interlocked.Increment(ref stats.CmdTouch);
                Interlocked.Increment(ref hit ? ref stats.TouchHits : ref stats.TouchMisses);
            }
            else
            {
                Interlocked.Increment(ref hit ? ref stats.GetHits : ref stats.GetMisses);
            }
        }

        output.Write("END\r\n"u8);
    }

    private static bool WriteIfPresent(NodeContext node, ReadOnlySpan<byte> key, bool touch, uint expTime, bool withCas, OutputBuffer output)
    {
        using var cache = node.Engine.Lock();
        var item = cache.Find(key, out var outcome);
        ItemStore.CountLookup(node.Statistics, outcome);
        if (item.IsNone)
        {
            return false;
        }

        cache.Bump(item, fetch: true);
        if (touch)
        {
            cache.SetExpTime(item, expTime);
        }

        var view = cache.View(item);
        output.Write("VALUE "u8);
        output.Write(view.Key);
        output.WriteByte((byte)' ');
        output.WriteNumber((ulong)view.ClientFlags);
        output.WriteByte((byte)' ');
        output.WriteNumber((ulong)view.Value.Length);
        if (withCas)
        {
            output.WriteByte((byte)' ');
            output.WriteNumber(view.Cas);
        }

        output.WriteCrLf();
        output.Write(view.Value);
        output.WriteCrLf();
        return true;
    }
}
