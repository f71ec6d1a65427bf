namespace Memgate.Protocol.Text;

/// <summary>
/// set/add/replace/append/prepend/cas lines. On a bad line memcached 1.6.18 answers and does NOT swallow the data
/// block, which is then read as a command line (usually answering ERROR); the caller consumes only the line.
/// </summary>
internal static class StorageLineParser
{
    public static ParseStatus Parse(ref TextRequest request, in LineTokens tokens)
    {
        bool isCas = request.Command == TextCommand.Cas;
        int required = isCas ? 6 : 5;
        if (tokens.Count != required && tokens.Count != required + 1)
        {
            return ParseErrors.Always(ref request, TextReplies.Error);
        }

        request.NoReply = ParseErrors.IsNoReply(tokens[tokens.Count - 1]);
        var key = tokens[1];
        if (key.Length > TextRequestParser.MaxKeyLength)
        {
            return ParseErrors.Reply(ref request, TextReplies.BadCommandLineFormat);
        }

        request.Key = key;
        if (!NumberParser.TryParseUInt32(tokens[2], out uint flags)
            || !NumberParser.TryParseInt32(tokens[3], out int exptime)
            || !NumberParser.TryParseInt32(tokens[4], out int length))
        {
            return ParseErrors.Reply(ref request, TextReplies.BadCommandLineFormat);
        }

        ulong cas = 0;
        if (isCas && !NumberParser.TryParseUInt64(tokens[5], out cas))
        {
            return ParseErrors.Reply(ref request, TextReplies.BadCommandLineFormat);
        }

        // memcached adds 2 for the trailing \r\n to an int, so it rejects lengths that would overflow.
        if (length < 0 || length > int.MaxValue - 2)
        {
            return ParseErrors.Reply(ref request, TextReplies.BadCommandLineFormat);
        }

        request.ClientFlags = flags;
        request.ExpTime = exptime;
        request.DataLength = length;
        request.CasUnique = cas;
        return ParseStatus.Complete;
    }
}
