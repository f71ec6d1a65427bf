using Memgate.Protocol.Text;
using Memgate.Server;

namespace Memgate.Node.Commands;

/// <summary>lru tune|mode|temp_ttl: memcached 1.6.18's checks and replies; the values are recorded in <see cref="NodeTunables"/>.</summary>
/// <remarks>Every reply, errors included, honours a trailing noreply, as in memcached.</remarks>
internal static class LruCommand
{
    public static void Execute(NodeContext node, ref TextRequest request, OutputBuffer output)
    {
        var args = request.Arguments;
        Span<Range> tokens = stackalloc Range[AdminTokens.Max];
        int count = AdminTokens.Split(args, tokens);
        var sub = count > 0 ? args[tokens[0]] : default;
        bool noReply = request.NoReply;

        // mode and temp_ttl need the LRU maintainer (-o no_lru_maintainer turns them into ERROR).
        if (sub.SequenceEqual("tune"u8) && count >= 5)
        {
            Tune(node, args, tokens, noReply, output);
        }
        else if (sub.SequenceEqual("mode"u8) && count >= 2 && node.Settings.LruMaintainer)
        {
            var mode = args[tokens[1]];
            if (mode.SequenceEqual("flat"u8) || mode.SequenceEqual("segmented"u8))
            {
                node.Tunables.LruSegmented = mode.SequenceEqual("segmented"u8);
                AdminReply.Write(output, TextReplies.Ok, noReply);
            }
            else
            {
                AdminReply.Write(output, TextReplies.Error, noReply);
            }
        }
        else if (sub.SequenceEqual("temp_ttl"u8) && count >= 2 && node.Settings.LruMaintainer)
        {
            if (NumberParser.TryParseInt32(args[tokens[1]], out int ttl))
            {
                node.Tunables.SetTemporaryTtl(ttl);
                AdminReply.Write(output, TextReplies.Ok, noReply);
            }
            else
            {
                AdminReply.Write(output, TextReplies.Error, noReply);
            }
        }
        else
        {
            AdminReply.Write(output, TextReplies.Error, noReply);
        }
    }

    private static void Tune(NodeContext node, ReadOnlySpan<byte> args, ReadOnlySpan<Range> tokens, bool noReply, OutputBuffer output)
    {
        if (!NumberParser.TryParseUInt32(args[tokens[1]], out uint hotPct)
            || !NumberParser.TryParseUInt32(args[tokens[2]], out uint warmPct)
            || !CDouble.TryParse(args[tokens[3]], out double hotFactor)
            || !CDouble.TryParse(args[tokens[4]], out double warmFactor))
        {
            AdminReply.Write(output, TextReplies.Error, noReply);
        }
        else if (unchecked(hotPct + warmPct) > 80)
        {
            // memcached adds the two as uint32, so a sum that wraps past 2^32 passes (and reads back negative).
            AdminReply.Write(output, TextReplies.LruPercentTooHigh, noReply);
        }
        else if (warmFactor <= 0 || hotFactor <= 0)
        {
            AdminReply.Write(output, TextReplies.LruFactorNotPositive, noReply);
        }
        else
        {
            node.Tunables.TuneLru(unchecked((int)hotPct), unchecked((int)warmPct), hotFactor, warmFactor);
            AdminReply.Write(output, TextReplies.Ok, noReply);
        }
    }
}
