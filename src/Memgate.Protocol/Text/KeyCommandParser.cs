namespace Memgate.Protocol.Text;

/// <summary>delete, incr/decr and touch lines.</summary>
internal static class KeyCommandParser
{
    public static ParseStatus ParseDelete(ref TextRequest request, in LineTokens tokens)
    {
        if (tokens.Count is < 2 or > 4)
        {
            return ParseErrors.Always(ref request, TextReplies.Error);
        }

        if (tokens.Count > 2)
        {
            // Legacy "delete <key> <time>" is accepted only with time 0 (issue_108.t).
            bool holdIsZero = tokens[2].SequenceEqual("0"u8);
            request.NoReply = ParseErrors.IsNoReply(tokens[tokens.Count - 1]);
            bool valid = (tokens.Count == 3 && (holdIsZero || request.NoReply))
                || (tokens.Count == 4 && holdIsZero && request.NoReply);
            if (!valid)
            {
                return ParseErrors.Reply(ref request, TextReplies.DeleteUsage);
            }
        }

        return TakeKey(ref request, tokens);
    }

    public static ParseStatus ParseArithmetic(ref TextRequest request, in LineTokens tokens)
    {
        if (tokens.Count is not (3 or 4))
        {
            return ParseErrors.Always(ref request, TextReplies.Error);
        }

        request.NoReply = ParseErrors.IsNoReply(tokens[tokens.Count - 1]);
        if (TakeKey(ref request, tokens) != ParseStatus.Complete)
        {
            return ParseStatus.Error;
        }

        if (!NumberParser.TryParseUInt64(tokens[2], out ulong delta))
        {
            return ParseErrors.Reply(ref request, TextReplies.InvalidNumericDelta);
        }

        request.Number = delta;
        return ParseStatus.Complete;
    }

    public static ParseStatus ParseTouch(ref TextRequest request, in LineTokens tokens)
    {
        if (tokens.Count is not (3 or 4))
        {
            return ParseErrors.Always(ref request, TextReplies.Error);
        }

        request.NoReply = ParseErrors.IsNoReply(tokens[tokens.Count - 1]);
        if (TakeKey(ref request, tokens) != ParseStatus.Complete)
        {
            return ParseStatus.Error;
        }

        if (!NumberParser.TryParseInt32(tokens[2], out int exptime))
        {
            return ParseErrors.Reply(ref request, TextReplies.InvalidExptime);
        }

        request.ExpTime = exptime;
        return ParseStatus.Complete;
    }

    private static ParseStatus TakeKey(ref TextRequest request, in LineTokens tokens)
    {
        var key = tokens[1];
        if (key.Length > TextRequestParser.MaxKeyLength)
        {
            return ParseErrors.Reply(ref request, TextReplies.BadCommandLineFormat);
        }

        request.Key = key;
        return ParseStatus.Complete;
    }
}
