using Memgate.Protocol.Text;
using Memgate.Server;

namespace Memgate.Node.Commands;

/// <summary>touch &lt;key&gt; &lt;exptime&gt; [noreply].</summary>
internal static class TouchCommand
{
    public static void Execute(NodeContext node, ref TextRequest request, OutputBuffer output)
    {
        uint expTime = node.Engine.ToRelativeExpTime(request.ExpTime);
        bool touched;
        using (var cache = node.Engine.Lock())
        {
            var item = cache.Find(request.Key, out var outcome);
            ItemStore.CountLookup(node.Statistics, outcome);
            touched = !item.IsNone;
            if (touched)
            {
                cache.Bump(item, fetch: true);
                cache.SetExpTime(item, expTime);
            }
        }

        Interlocked.Increment(ref node.Statistics.CmdTouch);
        Interlocked.Increment(ref touched ? ref node.Statistics.TouchHits : ref node.Statistics.TouchMisses);
        if (!request.NoReply)
        {
            output.Write(touched ? "TOUCHED\r\n"u8 : "NOT_FOUND\r\n"u8);
        }
    }
}
