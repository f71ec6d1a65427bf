using Memgate.Protocol.Text;
using Memgate.Server;

namespace Memgate.Node.Commands;

/// <summary>
/// slabs reassign &lt;src&gt; &lt;dst&gt; and slabs automove &lt;0|1|2|ratio r&gt;, with memcached 1.6.18's replies.
/// </summary>
/// <remarks>
/// memgate's engine moves memory between its size classes on its own and keeps no spare pages in memcached's classes,
/// so a valid reassign answers what memcached answers when the source class has nothing to give (NOSPARE). The class
/// ids are checked against memcached's own class table so tools see the same BADCLASS/SAME answers.
/// </remarks>
internal static class SlabsCommand
{
    public static void Execute(NodeContext node, MemcachedSizing sizing, ref TextRequest request, OutputBuffer output)
    {
        var args = request.Arguments;
        Span<Range> tokens = stackalloc Range[AdminTokens.Max];
        int count = AdminTokens.Split(args, tokens);

        // Only automove honours noreply; "slabs reassign 1 2 noreply" has one token too many and is an ERROR.
        if (count == 3 && args[tokens[0]].SequenceEqual("reassign"u8))
        {
            Reassign(node, sizing, args[tokens[1]], args[tokens[2]], output);
        }
        else if (count >= 2 && args[tokens[0]].SequenceEqual("automove"u8))
        {
            Automove(node, args, tokens[..count], request.NoReply, output);
        }
        else
        {
            output.Write(TextReplies.Error);
        }
    }

    private static void Reassign(NodeContext node, MemcachedSizing sizing, ReadOnlySpan<byte> srcToken, ReadOnlySpan<byte> dstToken, OutputBuffer output)
    {
        if (!node.Settings.SlabReassign)
        {
            output.Write(TextReplies.SlabReassignDisabled);
            return;
        }

        if (!NumberParser.TryParseInt32(srcToken, out int src) || !NumberParser.TryParseInt32(dstToken, out int dst))
        {
            output.Write(TextReplies.BadCommandLineFormat);
            return;
        }

        // memcached checks SAME first; src -1 ("pick any class with a spare page") finds none here, so it stays -1 and
        // fails the range check like memcached's failed pick. Class 0 is the global page pool.
        if (src == dst)
        {
            output.Write(TextReplies.SlabsSame);
        }
        else if (src < 0 || src > sizing.ClassCount || dst < 0 || dst > sizing.ClassCount)
        {
            output.Write(TextReplies.SlabsBadClass);
        }
        else
        {
            output.Write(TextReplies.SlabsNoSpare);
        }
    }

    private static void Automove(NodeContext node, ReadOnlySpan<byte> args, ReadOnlySpan<Range> tokens, bool noReply, OutputBuffer output)
    {
        var mode = args[tokens[1]];
        if (mode.SequenceEqual("ratio"u8))
        {
            if (tokens.Length < 3 || !CDouble.TryParse(args[tokens[2]], out double ratio))
            {
                AdminReply.Write(output, TextReplies.Error, noReply);
                return;
            }

            node.Tunables.SlabAutomoveRatio = ratio;
        }
        else if (!NumberParser.TryParseUInt32(mode, out uint level))
        {
            AdminReply.Write(output, TextReplies.BadCommandLineFormat, noReply);
            return;
        }
        else if (level > 2)
        {
            AdminReply.Write(output, TextReplies.Error, noReply);
            return;
        }
        else
        {
            node.Tunables.SlabAutomove = (int)level;
        }

        AdminReply.Write(output, TextReplies.Ok, noReply);
    }
}
