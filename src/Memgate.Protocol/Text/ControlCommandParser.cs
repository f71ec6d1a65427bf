namespace Memgate.Protocol.Text;

/// <summary>flush_all, verbosity, cache_memlimit, stats, shutdown and the admin commands.</summary>
internal static class ControlCommandParser
{
    public static ParseStatus ParseFlushAll(ref TextRequest request, in LineTokens tokens)
    {
        if (tokens.Count is < 1 or > 3)
        {
            return ParseErrors.Always(ref request, TextReplies.Error);
        }

        request.NoReply = ParseErrors.IsNoReply(tokens[tokens.Count - 1]);
        // memcached reads a delay whenever the line is longer than "flush_all [noreply]", so "flush_all 1 2"
        // flushes in 1 s and "flush_all noreply 5" fails on "noreply".
        if (tokens.Count != (request.NoReply ? 2 : 1))
        {
            if (!NumberParser.TryParseInt32(tokens[1], out int delay))
            {
                return ParseErrors.Reply(ref request, TextReplies.InvalidExptime);
            }

            request.HasNumber = true;
            request.ExpTime = delay;
            request.Number = delay > 0 ? (ulong)delay : 0;
        }

        return ParseStatus.Complete;
    }

    public static ParseStatus ParseVerbosity(ref TextRequest request, in LineTokens tokens) =>
        ParseSingleNumber(ref request, tokens, TextReplies.BadCommandLineFormat);

    public static ParseStatus ParseCacheMemlimit(ref TextRequest request, in LineTokens tokens) =>
        ParseSingleNumber(ref request, tokens, TextReplies.Error);

    /// <summary>stats, shutdown: the session interprets the arguments.</summary>
    public static ParseStatus ParseWithArguments(ref TextRequest request, in LineTokens tokens)
    {
        request.Arguments = tokens.From(1);
        return ParseStatus.Complete;
    }

    /// <summary>
    /// slabs, lru, lru_crawler, watch, extstore, refresh_certs, misbehave, debugtime. <see cref="TextRequest.NoReply"/>
    /// reports a trailing noreply; memcached honours it only for lru, slabs automove, watch, extstore and refresh_certs.
    /// </summary>
    public static ParseStatus ParseAdmin(ref TextRequest request, in LineTokens tokens)
    {
        var name = tokens[0];
        if (tokens.Count < 2 && (name.SequenceEqual("lru"u8) || name.SequenceEqual("extstore"u8)))
        {
            return ParseErrors.Always(ref request, TextReplies.Error);
        }

        request.NoReply = ParseErrors.IsNoReply(tokens[tokens.Count - 1]);
        request.Arguments = tokens.From(1);
        return ParseStatus.Complete;
    }

    private static ParseStatus ParseSingleNumber(ref TextRequest request, in LineTokens tokens, ReadOnlySpan<byte> badNumber)
    {
        if (tokens.Count is not (2 or 3))
        {
            return ParseErrors.Always(ref request, TextReplies.Error);
        }

        request.NoReply = ParseErrors.IsNoReply(tokens[tokens.Count - 1]);
        if (!NumberParser.TryParseUInt32(tokens[1], out uint value))
        {
            return ParseErrors.Reply(ref request, badNumber);
        }

        request.Number = value;
        request.HasNumber = true;
        return ParseStatus.Complete;
    }
}
