using Memgate.Protocol.Text;
using Memgate.Server;
using Memgate.Storage;

namespace Memgate.Node.Commands;

/// <summary>mg: meta get with vivify-on-miss (N), recache (R), TTL update (T), stale/win tokens (X/W/Z).</summary>
internal static class MetaGetCommand
{
    public static void Execute(NodeContext node, ref TextRequest request, OutputBuffer output)
    {
        var meta = request.Meta;
        var stats = node.Statistics;
        bool binaryKey = meta.Has('b');
        bool ttlSet = meta.Has('T');
        bool hit;
        using (var cache = node.Engine.Lock())
        {
            var item = cache.Find(request.Key, out var lookup);
            ItemStore.CountLookup(stats, lookup);
            bool created = false;
            if (item.IsNone && meta.Has('N')
                && cache.Allocate(request.Key, 0, 0, 0, out item) == AllocationResult.Ok)
            {
                cache.Link(item);
                created = true;
            }

            hit = !item.IsNone;
            if (hit && !WriteHit(node, cache, item, created, ref request, output))
            {
                return;
            }
        }

        Interlocked.Increment(ref stats.CmdGet);
        if (ttlSet)
        {
            Interlocked.Increment(ref stats.CmdTouch);
            Interlocked.Increment(ref hit ? ref stats.TouchHits : ref stats.TouchMisses);
        }
        else
        {
            Interlocked.Increment(ref hit ? ref stats.GetHits : ref stats.GetMisses);
        }

        if (!hit && meta.OpaqueTooLong)
        {
            output.Write(TextReplies.MetaOpaqueTooLong);
        }
        else if (!hit && !meta.Quiet)
        {
            output.Write("EN"u8);
            MetaKeyEcho.WriteAll(meta.Raw, request.Key, binaryKey, output);
            output.WriteCrLf();
        }
    }

    /// <summary>Writes the hit reply; false when the opaque token turned out too long (memcached's check happens here).</summary>
    private static bool WriteHit(NodeContext node, CacheLock cache, ItemHandle item, bool created, ref TextRequest request, OutputBuffer output)
    {
        var meta = request.Meta;
        int replyStart = output.Length;
        uint now = node.Clock.CurrentTime;
        var view = cache.View(item);
        bool withValue = meta.Has('v');
        if (withValue)
        {
            output.Write("VA "u8);
            output.WriteNumber((ulong)view.Value.Length);
        }
        else
        {
            output.Write("HD"u8);
        }

        bool won = false;
        var tokens = new TokenReader(meta.Raw);
        while (tokens.TryRead(out var token))
        {
            switch (token[0])
            {
                case (byte)'T':
                    cache.SetExpTime(item, node.Engine.ToRelativeExpTime(meta.Ttl));
                    break;
                case (byte)'N':
                    if (created)
                    {
                        cache.SetExpTime(item, node.Engine.ToRelativeExpTime(meta.VivifyTtl));
                        won = true;
                    }

                    break;
                case (byte)'R':
                    view = cache.View(item);
                    if (!view.WinTokenSent && !created && view.ExpTime != 0 && view.ExpTime < node.Engine.ToRelativeExpTime(meta.RecacheTtl))
                    {
                        won = true;
                    }

                    break;
                case (byte)'s':
                    output.WriteMetaFlag((byte)'s');
                    output.WriteNumber((ulong)cache.View(item).Value.Length);
                    break;
                case (byte)'t':
                    output.WriteMetaFlag((byte)'t');
                    WriteTtl(cache.View(item).ExpTime, now, output);
                    break;
                case (byte)'c':
                    output.WriteMetaFlag((byte)'c');
                    output.WriteNumber(cache.View(item).Cas);
                    break;
                case (byte)'f':
                    output.WriteMetaFlag((byte)'f');
                    output.WriteNumber((ulong)cache.View(item).ClientFlags);
                    break;
                case (byte)'l':
                    output.WriteMetaFlag((byte)'l');
                    output.WriteNumber((ulong)(now - cache.View(item).LastAccess));
                    break;
                case (byte)'h':
                    output.WriteMetaFlag((byte)'h');
                    output.WriteByte(cache.View(item).Fetched ? (byte)'1' : (byte)'0');
                    break;
                case (byte)'O' when meta.OpaqueTooLong:
                    output.Truncate(replyStart);
                    output.Write(TextReplies.MetaOpaqueTooLong);
                    return false;
                default:
                    MetaKeyEcho.TryWrite(token, cache.View(item).Key, cache.View(item).KeyIsBinary, output);
                    break;
            }
        }

        view = cache.View(item);
        if (view.WinTokenSent)
        {
            output.WriteMetaFlag((byte)'Z');
        }

        if (view.Stale)
        {
            output.WriteMetaFlag((byte)'X');
            won |= !view.WinTokenSent;
        }

        if (won)
        {
            output.WriteMetaFlag((byte)'W');
            cache.SetWinTokenSent(item, true);
        }

        output.WriteCrLf();
        if (withValue)
        {
            output.Write(cache.View(item).Value);
            output.WriteCrLf();
        }

        if (!meta.Has('u'))
        {
            cache.Bump(item, fetch: true);
        }

        return true;
    }

    /// <summary>Remaining TTL in seconds, or -1 for items that never expire.</summary>
    public static void WriteTtl(uint expTime, uint now, OutputBuffer output)
    {
        if (expTime == 0)
        {
            output.Write("-1"u8);
        }
        else
        {
            // memcached subtracts as 32-bit unsigned: a TTL that has just passed prints as a huge number.
            output.WriteNumber((ulong)unchecked(expTime - now));
        }
    }
}
