using Memgate.Protocol.Text;
using Memgate.Server;

namespace Memgate.Node.Commands;

/// <summary>me &lt;key&gt; [b]: memcached's item debug line, with memcached's own size and class accounting.</summary>
internal static class MetaDebugCommand
{
    public static void Execute(NodeContext node, MemcachedSizing sizing, ref TextRequest request, OutputBuffer output)
    {
        Interlocked.Increment(ref node.Statistics.CmdMeta);
        uint now = node.Clock.CurrentTime;
        using var cache = node.Engine.Lock();
        var item = cache.Find(request.Key, out var lookup);
        ItemStore.CountLookup(node.Statistics, lookup);
        if (item.IsNone)
        {
            output.Write("EN\r\n"u8);
            return;
        }

        var view = cache.View(item);
        int total = sizing.ItemTotal(view.Key.Length, view.Value.Length, view.ClientFlags);
        output.Write("ME "u8);
        MetaKeyEcho.WriteKeyText(view.Key, view.KeyIsBinary, output);
        output.Write(" exp="u8);
        MetaGetCommand.WriteTtl(view.ExpTime, now, output);
        output.Write(" la="u8);
        output.WriteNumber((ulong)(now - view.LastAccess));
        output.Write(" cas="u8);
        output.WriteNumber(view.Cas);
        output.Write(view.Fetched ? " fetch=yes"u8 : " fetch=no"u8);
        output.Write(" cls="u8);
        output.WriteNumber((ulong)sizing.ClassOf(total));
        output.Write(" size="u8);
        output.WriteNumber((ulong)total);
        output.WriteCrLf();
    }
}
