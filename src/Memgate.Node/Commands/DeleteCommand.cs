using Memgate.Protocol.Text;
using Memgate.Server;

namespace Memgate.Node.Commands;

/// <summary>delete &lt;key&gt; [0] [noreply].</summary>
internal static class DeleteCommand
{
    public static void Execute(NodeContext node, ref TextRequest request, OutputBuffer output)
    {
        bool deleted;
        using (var cache = node.Engine.Lock())
        {
            var item = cache.Find(request.Key, out var outcome);
            ItemStore.CountLookup(node.Statistics, outcome);
            deleted = !item.IsNone;
            if (deleted)
            {
                cache.Unlink(item);
            }
        }

        Interlocked.Increment(ref deleted ? ref node.Statistics.DeleteHits : ref node.Statistics.DeleteMisses);
        if (!request.NoReply)
        {
            output.Write(deleted ? "DELETED\r\n"u8 : "NOT_FOUND\r\n"u8);
        }
    }
}
