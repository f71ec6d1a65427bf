using Memgate.Protocol.Text;
using Memgate.Server;

namespace Memgate.Node.Commands;

/// <summary>md: delete, or with I mark stale (bump CAS, optional new TTL) so one client wins the recache.</summary>
internal static class MetaDeleteCommand
{
    public static void Execute(NodeContext node, ref TextRequest request, OutputBuffer output)
    {
        var meta = request.Meta;
        var stats = node.Statistics;
        ReadOnlySpan<byte> code;
        using (var cache = node.Engine.Lock())
        {
            var item = cache.Find(request.Key, out var lookup);
            ItemStore.CountLookup(stats, lookup);
            if (item.IsNone)
            {
                Interlocked.Increment(ref stats.DeleteMisses);
                code = "NF"u8;
            }
            else if (meta.Has('C') && cache.View(item).Cas != meta.CompareCas)
            {
                Interlocked.Increment(ref stats.DeleteMisses);
                code = "EX"u8;
            }
            else if (meta.Has('I'))
            {
                if (meta.Has('T'))
                {
                    cache.SetExpTime(item, node.Engine.ToRelativeExpTime(meta.Ttl));
                }

                cache.SetStale(item, true);
                cache.SetWinTokenSent(item, false);
                cache.SetCas(item);
                code = "HD"u8;
            }
            else
            {
                Interlocked.Increment(ref stats.DeleteHits);
                cache.Unlink(item);
                code = "HD"u8;
            }
        }

        if (meta.Quiet && code[0] == (byte)'H')
        {
            return;
        }

        output.Write(code);
        MetaKeyEcho.WriteAll(meta.Raw, request.Key, meta.Has('b'), output);
        output.WriteCrLf();
    }
}
