using Memgate.Protocol.Text;
using Memgate.Server;

namespace Memgate.Node.Commands;

/// <summary>delete &lt;key&gt; [0] [noreply], and the delete step shared with the binary protocol.</summary>
internal static class DeleteCommand
{
    public static void Execute(NodeContext node, ref TextRequest request, OutputBuffer output)
    {
        var outcome = Remove(node, request.Key, 0);
        if (!request.NoReply)
        {
            output.Write(outcome == DeleteOutcome.Deleted ? "DELETED\r\n"u8 : "NOT_FOUND\r\n"u8);
        }
    }

    /// <summary>
    /// Deletes a key, unless <paramref name="compareCas"/> (0 = none) differs from the item's CAS (binary DELETE).
    /// Counts delete_hits/delete_misses as memcached does; a CAS mismatch counts neither.
    /// </summary>
    public static DeleteOutcome Remove(NodeContext node, ReadOnlySpan<byte> key, ulong compareCas)
    {
        DeleteOutcome outcome;
        using (var cache = node.Engine.Lock())
        {
            var item = cache.Find(key, out var lookup);
            ItemStore.CountLookup(node.Statistics, lookup);
            if (item.IsNone)
            {
                outcome = DeleteOutcome.NotFound;
            }
            else if (compareCas != 0 && cache.View(item).Cas != compareCas)
            {
                return DeleteOutcome.Exists;
            }
            else
            {
                cache.Unlink(item);
                outcome = DeleteOutcome.Deleted;
            }
        }

        Interlocked.Increment(ref outcome == DeleteOutcome.Deleted ? ref node.Statistics.DeleteHits : ref node.Statistics.DeleteMisses);
        return outcome;
    }
}
