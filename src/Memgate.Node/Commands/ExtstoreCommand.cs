using Memgate.Protocol.Text;
using Memgate.Server;

namespace Memgate.Node.Commands;

/// <summary>
/// extstore &lt;setting&gt; &lt;value&gt;: the Debian 1.6.18 build has extstore compiled in and answers OK or ERROR by
/// parsing alone, even without -o ext_path. memgate has no external storage, so the values are validated and dropped.
/// </summary>
internal static class ExtstoreCommand
{
    public static void Execute(ref TextRequest request, OutputBuffer output)
    {
        var args = request.Arguments;
        Span<Range> tokens = stackalloc Range[AdminTokens.Max];
        int count = AdminTokens.Split(args, tokens);
        bool ok = count >= 2 && IsValid(args, tokens[..count]);
        AdminReply.Write(output, ok ? TextReplies.Ok : TextReplies.Error, request.NoReply);
    }

    private static bool IsValid(ReadOnlySpan<byte> args, ReadOnlySpan<Range> tokens)
    {
        var name = args[tokens[0]];
        var value = args[tokens[1]];
        if (name.SequenceEqual("free_memchunks"u8) && tokens.Length > 2)
        {
            // Deprecated and ignored by memcached, but the class id and limit must still parse.
            return NumberParser.TryParseUInt32(value, out uint classId)
                && NumberParser.TryParseUInt32(args[tokens[2]], out _)
                && classId < CrawlerClassList.MaxClasses;
        }

        if (name.SequenceEqual("max_frag"u8))
        {
            return CDouble.TryParse(value, out _);
        }

        return (name.SequenceEqual("item_size"u8) || name.SequenceEqual("item_age"u8) || name.SequenceEqual("low_ttl"u8)
                || name.SequenceEqual("recache_rate"u8) || name.SequenceEqual("compact_under"u8)
                || name.SequenceEqual("drop_under"u8) || name.SequenceEqual("max_sleep"u8) || name.SequenceEqual("drop_unread"u8))
            && NumberParser.TryParseUInt32(value, out _);
    }
}
