namespace Memgate.Protocol.Text;

/// <summary>get/gets/bget/gat/gats lines.</summary>
internal static class RetrievalLineParser
{
    public static ParseStatus Parse(ref TextRequest request, in LineTokens tokens)
    {
        if (tokens.Count < 2)
        {
            return ParseErrors.Always(ref request, TextReplies.Error);
        }

        int firstKey = 1;
        if (request.Command is TextCommand.Gat or TextCommand.Gats)
        {
            if (!NumberParser.TryParseInt32(tokens[1], out int exptime))
            {
                return ParseErrors.Always(ref request, TextReplies.InvalidExptime);
            }

            request.ExpTime = exptime;
            firstKey = 2;
        }

        // Keys continue past memcached's 24-token window (it re-tokenises the rest), so they are read from the line.
        // memcached drops every VALUE already queued when it meets an over-long key, so checking all keys up front
        // gives the same reply: one CLIENT_ERROR for the whole command. ("gat 10" with no key answers END.)
        var keys = tokens.From(firstKey);
        var reader = new TokenReader(keys);
        bool first = true;
        while (reader.TryRead(out var key))
        {
            if (key.Length > TextRequestParser.MaxKeyLength)
            {
                request.Key = default;
                return ParseErrors.Always(ref request, TextReplies.BadCommandLineFormat);
            }

            if (first)
            {
                request.Key = key;
                first = false;
            }
        }

        request.Arguments = keys;
        return ParseStatus.Complete;
    }
}
