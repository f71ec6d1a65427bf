using System.Buffers.Binary;
using Memgate.Node.Commands;
using Memgate.Protocol.Binary;
using Memgate.Server;
using Memgate.Storage;

namespace Memgate.Node.Binary;

/// <summary>GET, GETK, TOUCH, GAT, GATK and their quiet forms (memcached's process_bin_get_or_touch).</summary>
internal static class BinaryRetrieval
{
    /// <summary>Header + 4 bytes of client flags, the extras of every hit.</summary>
    private const int HitPrefix = BinaryHeader.Size + 4;

    public static void Execute(NodeContext node, BinaryRequest request, BinaryOpcode loud, bool quiet, OutputBuffer output)
    {
        bool touch = loud is BinaryOpcode.Touch or BinaryOpcode.Gat or BinaryOpcode.GatK;
        bool withKey = loud is BinaryOpcode.GetK or BinaryOpcode.GatK;
        bool withValue = loud != BinaryOpcode.Touch;
        uint expTime = touch ? node.Engine.ToRelativeExpTime(BinaryPrimitives.ReadUInt32BigEndian(request.Extras)) : 0;
        var stats = node.Statistics;
        bool hit;
        using (var cache = node.Engine.Lock())
        {
            var item = cache.Find(request.Key, out var lookup);
            ItemStore.CountLookup(stats, lookup);
            hit = !item.IsNone;
            if (hit)
            {
                cache.Bump(item, fetch: true);
                if (touch)
                {
                    cache.SetExpTime(item, expTime);
                }

                WriteHit(cache.View(item), request.Header, withKey, withValue, output);
            }
        }

        if (touch)
        {
            Interlocked.Increment(ref stats.CmdTouch);
            Interlocked.Increment(ref hit ? ref stats.TouchHits : ref stats.TouchMisses);
        }
        else
        {
            Interlocked.Increment(ref stats.CmdGet);
            Interlocked.Increment(ref hit ? ref stats.GetHits : ref stats.GetMisses);
        }

        if (hit || quiet)
        {
            return;
        }

        if (withKey)
        {
            // A GETK miss carries the key and no error text.
            BinaryResponseWriter.WriteHeader(output, request.Header.Opcode, BinaryStatus.KeyNotFound, request.Key.Length, 0, request.Key.Length, request.Header.Opaque, 0);
            output.Write(request.Key);
        }
        else
        {
            BinaryReply.Error(output, request.Header, BinaryStatus.KeyNotFound);
        }
    }

    private static void WriteHit(ItemView view, in BinaryHeader header, bool withKey, bool withValue, OutputBuffer output)
    {
        int keyLength = withKey ? view.Key.Length : 0;
        int valueLength = withValue ? view.Value.Length : 0;
        var span = output.GetSpan(HitPrefix);
        BinaryResponseWriter.FillHeader(span, header.Opcode, BinaryStatus.Success, keyLength, 4, 4 + keyLength + valueLength, header.Opaque, view.Cas);
        BinaryPrimitives.WriteUInt32BigEndian(span[BinaryHeader.Size..], view.ClientFlags);
        output.Advance(HitPrefix);
        if (withKey)
        {
            output.Write(view.Key);
        }

        if (withValue)
        {
            output.Write(view.Value);
        }
    }
}
