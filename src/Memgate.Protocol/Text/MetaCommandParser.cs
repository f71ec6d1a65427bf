namespace Memgate.Protocol.Text;

/// <summary>
/// mg/ms/md/ma/me/mn lines, checked in memcached 1.6.18's order. Meta errors are always answered (q does not
/// silence them); only ms swallows its data block, and only for errors found after the length was read.
/// </summary>
internal static class MetaCommandParser
{
    /// <summary>memcached's MFLAG_MAX_OPT_LENGTH compared with its token count (tokens + terminal).</summary>
    private const int MaxTokenCount = 20;

    public static ParseStatus ParseGet(ref TextRequest request, in LineTokens tokens, Span<byte> scratch)
    {
        if (!TryTakeKey(ref request, tokens, out var status))
        {
            return status;
        }

        if (tokens.Count + 1 > MaxTokenCount)
        {
            return ParseErrors.Always(ref request, TextReplies.MetaGetOptionsFlagsTooLong);
        }

        ReadOnlySpan<byte> error = TextReplies.BadCommandLineFormat;
        if (!MetaFlagParser.Parse(ref request, tokens, 2, scratch, ref error))
        {
            return ParseErrors.Always(ref request, error);
        }

        // memcached checks the opaque length only while writing the reply, after a vivify or TTL update has
        // happened; the executor reports MetaFlags.OpaqueTooLong at that point.
        return ParseStatus.Complete;
    }

    public static ParseStatus ParseSet(ref TextRequest request, in LineTokens tokens, Span<byte> scratch)
    {
        if (!TryTakeKey(ref request, tokens, out var status))
        {
            return status;
        }

        if (tokens.Count == 2)
        {
            return ParseErrors.Always(ref request, TextReplies.BadCommandLineFormat);
        }

        if (tokens.Count + 1 > MaxTokenCount)
        {
            return ParseErrors.Always(ref request, TextReplies.MetaOptionsFlagsTooLong);
        }

        if (!NumberParser.TryParseInt32(tokens[2], out int length) || length < 0 || length > int.MaxValue - 2)
        {
            return ParseErrors.Always(ref request, TextReplies.BadCommandLineFormat);
        }

        // From here on memcached knows the length and swallows the data block after an error.
        request.DataLength = length;
        ReadOnlySpan<byte> error = TextReplies.BadCommandLineFormat;
        if (!MetaFlagParser.Parse(ref request, tokens, 3, scratch, ref error))
        {
            return Swallow(ref request, error);
        }

        // The mode check runs after the opaque check and overwrites its message.
        bool opaqueTooLong = MetaFlagParser.OpaqueTooLong(request.Meta);
        if (request.Meta.Mode is not (0 or (byte)'E' or (byte)'A' or (byte)'P' or (byte)'R' or (byte)'S'))
        {
            return Swallow(ref request, TextReplies.MetaInvalidModeMs);
        }

        return opaqueTooLong ? Swallow(ref request, TextReplies.MetaOpaqueTooLong) : ParseStatus.Complete;
    }

    public static ParseStatus ParseDelete(ref TextRequest request, in LineTokens tokens, Span<byte> scratch)
    {
        if (!TryTakeFlags(ref request, tokens, scratch, out var status))
        {
            return status;
        }

        return MetaFlagParser.OpaqueTooLong(request.Meta)
            ? ParseErrors.Always(ref request, TextReplies.MetaOpaqueTooLong)
            : ParseStatus.Complete;
    }

    /// <summary>
    /// ma. memcached checks the opaque length only after applying the delta (the counter changes, then the error is
    /// returned), so the executor reports <see cref="MetaFlags.OpaqueTooLong"/> itself.
    /// </summary>
    public static ParseStatus ParseArithmetic(ref TextRequest request, in LineTokens tokens, Span<byte> scratch)
    {
        if (!TryTakeFlags(ref request, tokens, scratch, out var status))
        {
            return status;
        }

        if (request.Meta.Mode is not (0 or (byte)'I' or (byte)'+' or (byte)'D' or (byte)'-'))
        {
            return ParseErrors.Always(ref request, TextReplies.MetaInvalidModeMa);
        }

        return ParseStatus.Complete;
    }

    /// <summary>me: only an exact "b" as the first flag means a base64 key; other tokens are ignored.</summary>
    public static ParseStatus ParseDebug(ref TextRequest request, in LineTokens tokens, Span<byte> scratch)
    {
        if (tokens.Count < 2 || tokens[1].Length > TextRequestParser.MaxKeyLength)
        {
            return ParseErrors.Always(ref request, TextReplies.BadCommandLineFormat);
        }

        request.Key = tokens[1];
        if (tokens.Count >= 3 && tokens[2].SequenceEqual("b"u8))
        {
            int length = Base64KeyDecoder.Decode(tokens[1], scratch);
            if (length == 0)
            {
                return ParseErrors.Always(ref request, TextReplies.BadCommandLineFormat);
            }

            request.Key = scratch[..length];
            request.Meta.Present |= MetaFlags.Bit('b');
        }

        return ParseStatus.Complete;
    }

    // md and ma share their checks; every flag error reads "invalid or duplicate flag" there.
    private static bool TryTakeFlags(ref TextRequest request, in LineTokens tokens, Span<byte> scratch, out ParseStatus status)
    {
        if (!TryTakeKey(ref request, tokens, out status))
        {
            return false;
        }

        if (tokens.Count + 1 > MaxTokenCount)
        {
            status = ParseErrors.Always(ref request, TextReplies.MetaOptionsFlagsTooLong);
            return false;
        }

        ReadOnlySpan<byte> ignored = default;
        if (!MetaFlagParser.Parse(ref request, tokens, 2, scratch, ref ignored))
        {
            status = ParseErrors.Always(ref request, TextReplies.MetaInvalidOrDuplicateFlag);
            return false;
        }

        return true;
    }

    private static bool TryTakeKey(ref TextRequest request, in LineTokens tokens, out ParseStatus status)
    {
        status = ParseStatus.Complete;
        if (tokens.Count < 2)
        {
            status = ParseErrors.Always(ref request, TextReplies.Error);
            return false;
        }

        if (tokens[1].Length > TextRequestParser.MaxKeyLength)
        {
            status = ParseErrors.Always(ref request, TextReplies.BadCommandLineFormat);
            return false;
        }

        request.Key = tokens[1];
        return true;
    }

    private static ParseStatus Swallow(ref TextRequest request, ReadOnlySpan<byte> error)
    {
        request.SwallowData = true;
        return ParseErrors.Always(ref request, error);
    }
}
